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
        // The round closes as soon as all four updates are in; its deadline only has to outlast the outage. On a loaded
        // machine the broker's restart and the clients' reconnect back-off took longer than a 90-second deadline left, and
        // the round failed with one update.
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 4, 2, TimeSpan.FromMinutes(5)), "integration test"));
        var accepted = await system.Events.WaitForAsync<UpdateAccepted>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);

        await system.Broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await system.Broker.RestartAsync();

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(8), system.Diagnostics);
        Assert.Equal(1, finished.Round);
        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        var contributors = (await system.Ledger.GetContributionRecordedEventsAsync(run)).Select(c => c.Contributor).ToHashSet();
        var acceptedBeforeRestart = system.Events.Of<UpdateAccepted>(runId).Where(a => a.Round == 1).Select(a => a.WorkerId).Append(accepted.WorkerId).Distinct();
        foreach (var worker in acceptedBeforeRestart)
        {
            Assert.Contains(system.WorkerKey(WorkerIndex(worker)).Address, contributors);
        }

        Assert.True(contributors.Count >= 2, $"only {contributors.Count} contributors were committed");
        Assert.Empty(system.ExitedHosts());
    }

    [Fact]
    public async Task BrokerDownAtTheDeadline_RoundCommitsOnChain_ItsEventsArriveAfterRestart_NoAcceptedUpdateIsLost()
    {
        // Five selected workers, one of which (worker-5, consent required and never given) sends nothing: the round can
        // only close at its deadline, and the broker is down then. The aggregator commits on-chain without the broker;
        // RoundCommitted and RunFinished must reach the watchers once it is back, and every update accepted before the
        // outage must be among the committed contributions.
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 5);
        system.StartAggregator();
        for (var i = 0; i < 4; i++)
        {
            system.StartWorker(i, 5);
        }

        system.StartWorker(4, 5, new Dictionary<string, string> { ["Worker__Consent__Required"] = "true" });
        await system.WaitForHostsAsync(5);
        var runId = NewRunId();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 5, 2, TimeSpan.FromSeconds(150)), "integration test"));
        await system.Events.WaitForAsync<UpdateAccepted>(runId, a => a.AcceptedCount >= 2, TimeSpan.FromMinutes(4), system.Diagnostics);

        await system.Broker.StopAsync();
        var acceptedBeforeOutage = system.Events.Of<UpdateAccepted>(runId).Select(a => a.WorkerId).Distinct().ToArray();
        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        using (var committedOnChain = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            while (await system.Ledger.LastRoundAsync(run) < 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), committedOnChain.Token);
            }
        }

        await system.Broker.RestartAsync();

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Equal(1, finished.Round);
        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 1, TimeSpan.FromSeconds(30), system.Diagnostics);
        var contributors = (await system.Ledger.GetContributionRecordedEventsAsync(run)).Select(c => c.Contributor).ToHashSet();
        Assert.True(contributors.SetEquals(committed.Contributions.Select(c => system.WorkerKey(WorkerIndex(c.WorkerId)).Address)),
            $"RoundCommitted names {string.Join(", ", committed.Contributions.Select(c => c.WorkerId))}; the chain has {contributors.Count} contributors");
        Assert.NotEmpty(acceptedBeforeOutage);
        foreach (var worker in acceptedBeforeOutage)
        {
            Assert.Contains(system.WorkerKey(WorkerIndex(worker)).Address, contributors);
        }

        Assert.DoesNotContain(system.WorkerKey(4).Address, contributors);

        // A heartbeat whose publish faults as the broker goes down would end a worker host (a faulted BackgroundService stops it).
        Assert.Empty(system.ExitedHosts());
    }

    private static int WorkerIndex(string workerId) => int.Parse(workerId["worker-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;

    private static string NewRunId() => RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
