using System.Numerics;
using FedChain.Ethereum;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;
using Xunit.Abstractions;

namespace FedChain.IntegrationTests.Federation;

/// <summary>The deployed system end to end: aggregator and workers in their own processes, real RabbitMQ, real anvil.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class FederatedRunTests(RabbitMqFixture rabbit, AnvilFixture anvil, ITestOutputHelper output)
{
    // Both engines over real processes: torch is the default, native the bit-reproducible path simulations use.
    [Theory]
    [InlineData("torch")]
    [InlineData("native")]
    public async Task FiveRounds_FourWorkerProcesses_ReachAccuracyAndCommitEveryRoundOnce(string engine)
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        system.StartAggregator();
        for (var i = 0; i < 4; i++)
        {
            system.StartWorker(i, 4);
        }

        await system.WaitForHostsAsync(4);
        var runId = RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(5, 4, 4, TimeSpan.FromMinutes(3), engine: engine), "integration test"));
        var previous = TimeSpan.Zero;
        for (var round = 1; round <= 5; round++)
        {
            await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == round, TimeSpan.FromMinutes(4), system.Diagnostics);
            output.WriteLine($"{engine}: round {round} committed after {(clock.Elapsed - previous).TotalSeconds:F1} s");
            previous = clock.Elapsed;
        }

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(2), system.Diagnostics);
        output.WriteLine($"{engine}: 5 rounds in {clock.Elapsed.TotalSeconds:F1} s, test accuracy {finished.FinalMetrics.Accuracy:P2}");

        Assert.Equal(5, finished.Round);
        Assert.True(finished.FinalMetrics.Accuracy >= 0.95, $"test accuracy after 5 rounds is {finished.FinalMetrics.Accuracy:P2}, expected at least 95%");

        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        Assert.Equal(5UL, await system.Ledger.LastRoundAsync(run));
        var committedEvents = await system.Ledger.GetRoundCommittedEventsAsync(run);
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], committedEvents.Select(e => e.Round).Order().ToArray());

        var contributions = await system.Ledger.GetContributionRecordedEventsAsync(run);
        var workers = Enumerable.Range(0, 4).Select(i => system.WorkerKey(i).Address).ToHashSet();
        foreach (var round in Enumerable.Range(1, 5).Select(r => (ulong)r))
        {
            var record = await system.Ledger.RoundOfAsync(run, round);
            Assert.Equal(4U, record.ContributorCount);
            var inRound = contributions.Where(c => c.Round == round).ToArray();
            Assert.Equal(workers, inRound.Select(c => c.Contributor).ToHashSet());
            Assert.Equal(record.TotalReward, inRound.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Reward));
        }

        // Minted rewards equal the recorded ones: the token's supply is exactly what the rounds paid.
        var recorded = contributions.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Reward);
        Assert.Equal(recorded, await system.Ledger.Token.TotalSupplyAsync());
        var balances = BigInteger.Zero;
        foreach (var worker in workers)
        {
            balances += await system.Ledger.TokenBalanceAsync(worker);
        }

        Assert.Equal(recorded, balances);

        // The chain's last model is the one the aggregator announced.
        var last = committedEvents.Single(e => e.Round == 5);
        Assert.Equal(finished.FinalModelHash, last.NewModelHash.ToString());
    }
}
