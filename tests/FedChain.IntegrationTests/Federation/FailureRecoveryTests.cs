using FedChain.Ethereum;
using FedChain.Ledger;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>Crashes and outages of the deployed system: a worker, the aggregator, the broker.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class FailureRecoveryTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    [Fact]
    public async Task WorkerKilledMidRound_RoundCompletesAtDeadlineWithTheOthers_DeadWorkerGetsNothing()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        system.StartAggregator();
        var workers = Enumerable.Range(0, 4).Select(i => system.StartWorker(i, 4)).ToArray();
        await system.WaitForHostsAsync(4);
        var runId = NewRunId();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(2, 4, 3, TimeSpan.FromSeconds(40)), "integration test"));

        await system.Events.WaitForAsync<RoundStarted>(runId, s => s.Round == 2, TimeSpan.FromMinutes(6), system.Diagnostics);
        workers[3].Kill();

        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 2, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Equal(["worker-1", "worker-2", "worker-3"], committed.Contributions.Select(c => c.WorkerId).Order().ToArray());

        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        Assert.Equal(3U, (await system.Ledger.RoundOfAsync(run, 2)).ContributorCount);
        var revert = await Assert.ThrowsAsync<LedgerRevertException>(() => system.Ledger.ContributionOfAsync(run, 2, system.WorkerKey(3).Address));
        Assert.Equal("NotAContributor", revert.ErrorName);
        Assert.Equal(4U, (await system.Ledger.RoundOfAsync(run, 1)).ContributorCount);
    }

    [Fact]
    public async Task AggregatorKilledAfterTwoOfFourUpdates_RestartResumes_NothingLostOrCountedTwice()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        var first = system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__CrashAfterAcceptedUpdates"] = "2" });
        for (var i = 0; i < 4; i++)
        {
            system.StartWorker(i, 4);
        }

        await system.WaitForHostsAsync(4);
        var runId = NewRunId();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(2, 4, 4, TimeSpan.FromMinutes(3)), "integration test"));
        using (var exited = new CancellationTokenSource(TimeSpan.FromMinutes(6)))
        {
            await first.WaitForExitAsync(exited.Token);
        }

        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        Assert.Equal(0UL, await system.Ledger.LastRoundAsync(run));

        system.StartAggregator();
        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(8), system.Diagnostics);
        Assert.Equal(2, finished.Round);

        var committed = await system.Ledger.GetRoundCommittedEventsAsync(run);
        Assert.Equal([1UL, 2UL], committed.Select(e => e.Round).Order().ToArray());
        var contributions = await system.Ledger.GetContributionRecordedEventsAsync(run);
        foreach (var round in new[] { 1UL, 2UL })
        {
            var inRound = contributions.Where(c => c.Round == round).Select(c => c.Contributor).ToArray();
            Assert.Equal(4, inRound.Length);
            Assert.Equal(4, inRound.Distinct().Count());
        }
    }

    [Fact]
    public async Task BrokerRestartedMidRound_NoAcceptedUpdateIsLost()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        system.StartAggregator();
        for (var i = 0; i < 4; i++)
        {
            system.StartWorker(i, 4);
        }

        await system.WaitForHostsAsync(4);
        var runId = NewRunId();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 4, 2, TimeSpan.FromSeconds(90)), "integration test"));
        var accepted = await system.Events.WaitForAsync<UpdateAccepted>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);

        await system.Broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await system.Broker.RestartAsync();

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);
        Assert.Equal(1, finished.Round);
        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        var contributors = (await system.Ledger.GetContributionRecordedEventsAsync(run)).Select(c => c.Contributor).ToHashSet();
        var acceptedBeforeRestart = system.Events.Of<UpdateAccepted>(runId).Where(a => a.Round == 1).Select(a => a.WorkerId).Append(accepted.WorkerId).Distinct();
        foreach (var worker in acceptedBeforeRestart)
        {
            var index = int.Parse(worker["worker-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
            Assert.Contains(system.WorkerKey(index).Address, contributors);
        }

        Assert.True(contributors.Count >= 2, $"only {contributors.Count} contributors were committed");
    }

    private static string NewRunId() => RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
