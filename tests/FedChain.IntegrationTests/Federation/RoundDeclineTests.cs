using System.Security.Cryptography;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// Declines over the real broker, with the aggregator and two workers as processes and three participants the test plays:
/// one declines and stays out; one declines, then sends a valid update after all, which counts; one announces itself,
/// submits and declines in other sites' names with its own key, all refused. The aggregator is killed after it took the declines and restarted: it
/// does not wait for the site that declined, and the round commits before its deadline with everyone who delivered.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class RoundDeclineTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const string Declining = "worker-3";
    private const string ChangingMind = "worker-4";
    private const string Late = "worker-5";

    [Fact]
    public async Task Declines_SurviveARestart_AValidUpdateAfterADeclineCounts_AForgedDeclineIsRefused()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 5);
        var first = system.StartAggregator();
        system.StartWorker(0, 5);
        system.StartWorker(1, 5);
        var played = new Dictionary<string, EthereumKey> { [Declining] = system.WorkerKey(2), [ChangingMind] = system.WorkerKey(3), [Late] = system.WorkerKey(4) };
        using var heartbeats = new CancellationTokenSource();
        var beating = system.BeatAsync(played, heartbeats.Token);

        await system.WaitForHostsAsync(2);
        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 5, 3, TimeSpan.FromSeconds(150)), "integration test"));
        var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Equal(5, started.SelectedWorkers.Count);

        // worker-5 first announces itself as worker-1 (selected, so its own key is bound to that id): refused, so the
        // registry still names worker-1's key; so are an unsigned heartbeat and worker-5's key under a second id.
        await system.Publisher.PublishAsync(system.Heartbeat("worker-1", played[Late], ["mlp"], 1000));
        await system.Publisher.PublishAsync(system.Heartbeat("worker-6", played[Late], ["mlp"], 1000) with { Signature = [] });
        await system.Publisher.PublishAsync(system.Heartbeat("worker-7", played[Late], ["mlp"], 1000));
        await WaitForOutputAsync(first, $"heartbeat refused: worker worker-1: heartbeat signed by {played[Late].Address.ToLowerString()}, but this aggregator knows worker worker-1 as", system);
        await WaitForOutputAsync(first, $"heartbeat refused: worker worker-7: heartbeat signed by {played[Late].Address.ToLowerString()}, which this aggregator knows as worker {Late}; one worker id per key", system);
        await WaitForOutputAsync(first, "heartbeat refused: worker worker-6: heartbeat signature refused", system);

        // worker-5 sends an update and a decline in worker-3's name (which has not answered yet) with its own key: both
        // refused, so worker-3's answer is still its own to give and worker-5's own update still counts later.
        var forged = system.SignedUpdate(started, Declining, played[Late]);
        await system.Publisher.PublishAsync(forged);
        var refused = await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.WorkerId == Declining && r.UpdateHash == forged.UpdateHash, TimeSpan.FromMinutes(2), system.Diagnostics);
        Assert.Equal(RejectionReason.BadSignature, refused.Reason);
        Assert.Contains($"worker {Declining} is {played[Declining].Address.ToLowerString()}", refused.Message, StringComparison.Ordinal);
        await system.Publisher.PublishAsync(system.Decline(started, Declining, played[Late], "worker-3 is not coming") with { Address = played[Late].Address.ToLowerString() });
        await WaitForOutputAsync(first, $"decline refused: worker {Declining}: decline signed by", system);
        await system.Publisher.PublishAsync(system.Decline(started, Declining, played[Declining], "no consent for this run"));
        await system.Publisher.PublishAsync(system.Decline(started, ChangingMind, played[ChangingMind], "privacy budget spent"));
        await WaitForOutputAsync(first, $"{Declining} declined: no consent for this run", system);
        await WaitForOutputAsync(first, $"{ChangingMind} declined: privacy budget spent", system);

        // worker-4 sends a valid update after all: it replaces its decline.
        await system.Publisher.PublishAsync(system.SignedUpdate(started, ChangingMind, played[ChangingMind]));
        await system.Events.WaitForAsync<UpdateAccepted>(runId, a => a.WorkerId == ChangingMind, TimeSpan.FromMinutes(2), system.Diagnostics);

        // Killed with the declines on disk; the restarted aggregator must not wait for worker-3 until the deadline.
        first.Kill();
        system.StartAggregator();
        await system.Publisher.PublishAsync(system.SignedUpdate(started, Late, played[Late]));
        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 1, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.True(DateTimeOffset.UtcNow < started.Deadline, $"round 1 committed after its deadline {started.Deadline:O}: the restarted aggregator waited for {Declining}, which had declined");
        await heartbeats.CancelAsync();
        await beating;

        Assert.Equal(["worker-1", "worker-2", ChangingMind, Late], committed.Contributions.Select(c => c.WorkerId).Order(StringComparer.Ordinal).ToArray());
        var contributors = await system.Ledger.Ledger.ContributorsOfAsync(Bytes32.FromBytes(RunIds.Parse(runId)), 1);
        Assert.Equal(4, contributors.Count);
        Assert.DoesNotContain(played[Declining].Address, contributors);
    }

    private static async Task WaitForOutputAsync(Testing.HostProcess host, string text, FederationSystem system)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!host.RecentOutput(400).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the aggregator never logged '{text}'{Environment.NewLine}{system.Diagnostics()}");
            await Task.Delay(100);
        }
    }
}
