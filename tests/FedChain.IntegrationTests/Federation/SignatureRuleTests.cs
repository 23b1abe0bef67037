using System.Security.Cryptography;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Federation.Encoding;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// The aggregator accepts exactly the signatures the contract accepts. Two registered participants (the test, over the
/// real broker) send the high-s twin and the v = 0/1 form of their own valid signatures into a live round of the
/// deployed system (aggregator and three workers as processes): both are rejected with BadSignature before they are
/// counted, and the round commits on-chain with the three honest workers.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class SignatureRuleTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const string HighSSender = "worker-4";
    private const string RawVSender = "worker-5";

    [Fact]
    public async Task MalleableSignatures_AreRejectedBeforeCounting_AndTheRoundCommitsWithTheOthers()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 5);
        system.StartAggregator();
        for (var i = 0; i < 3; i++)
        {
            system.StartWorker(i, 5);
        }

        var rogues = new Dictionary<string, EthereumKey> { [HighSSender] = system.WorkerKey(3), [RawVSender] = system.WorkerKey(4) };
        var signer = new UpdateCommitmentSigner(system.Chain.ChainId, system.Ledger.LedgerAddress);
        using var heartbeats = new CancellationTokenSource();
        var beating = system.BeatAsync(rogues, heartbeats.Token);

        await system.WaitForHostsAsync(3);
        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 5, 3, TimeSpan.FromSeconds(60)), "integration test"));
        var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Contains(HighSSender, started.SelectedWorkers);
        Assert.Contains(RawVSender, started.SelectedWorkers);

        UpdateSubmitted Make(string worker, Func<byte[], byte[]> tamper)
        {
            var update = system.SignedUpdate(started, worker, rogues[worker], tamper);
            var commitment = new UpdateCommitment(Bytes32.FromBytes(RunIds.Parse(runId)), 1, Bytes32.Parse(started.GlobalModelHash), Bytes32.Parse(update.UpdateHash), 1000, 0);
            // The variant still recovers to the participant with plain secp256k1 recovery: only the contract's rules tell them apart.
            Assert.Equal(rogues[worker].Address.ToLowerString(), SignatureTwins.RecoverIgnoringRules(update.Signature, signer.Digest(commitment).ToBytes()));
            return update;
        }

        foreach (var (update, rule) in new[] { (Make(HighSSender, SignatureTwins.HighS), "low-s"), (Make(RawVSender, SignatureTwins.RawV), "v = 27 or 28") })
        {
            await system.Publisher.PublishAsync(update);
            var rejected = await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.WorkerId == update.WorkerId && r.Reason == RejectionReason.BadSignature,
                TimeSpan.FromMinutes(2), () => string.Join("; ", system.Events.Of<UpdateRejected>(runId).Select(r => $"{r.WorkerId} {r.Reason}: {r.Message}")));
            Assert.Contains(rule, rejected.Message);
        }

        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 1, TimeSpan.FromMinutes(4), system.Diagnostics);
        await heartbeats.CancelAsync();
        await beating;
        Assert.Equal(["worker-1", "worker-2", "worker-3"], committed.Contributions.Select(c => c.WorkerId).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(system.Events.Of<UpdateAccepted>(runId), a => rogues.ContainsKey(a.WorkerId));

        // On-chain: the round holds exactly the honest three, and the rogues have no contribution recorded.
        var contributors = await system.Ledger.Ledger.ContributorsOfAsync(Bytes32.FromBytes(RunIds.Parse(runId)), 1);
        Assert.Equal(3, contributors.Count);
        Assert.DoesNotContain(rogues[HighSSender].Address, contributors);
        Assert.DoesNotContain(rogues[RawVSender].Address, contributors);
    }
}
