using System.Security.Cryptography;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Federation.Encoding;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning;
using FedChain.Ledger;
using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// A contribution the contract refuses at commit time never fails the round: a participant deactivated on-chain after
/// its update was accepted makes commitRound revert with NotAParticipant(account); the aggregator drops that update with
/// the contract's reason and commits the others.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class RefusedContributionTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const string Deactivated = "worker-4";
    private const string Closer = "worker-5";

    [Fact]
    public async Task ParticipantDeactivatedAfterAcceptance_IsDroppedWithTheContractsReason_AndTheRoundCommitsWithTheOthers()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 5);
        system.StartAggregator();
        for (var i = 0; i < 3; i++)
        {
            system.StartWorker(i, 5);
        }

        var participants = new Dictionary<string, EthereumKey> { [Deactivated] = system.WorkerKey(3), [Closer] = system.WorkerKey(4) };
        var signer = new UpdateCommitmentSigner(system.Chain.ChainId, system.Ledger.LedgerAddress);
        using var heartbeats = new CancellationTokenSource();
        var beating = system.BeatAsync(participants, heartbeats.Token);

        await system.WaitForHostsAsync(3);
        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 5, 3, TimeSpan.FromSeconds(120)), "integration test"));
        var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Contains(Deactivated, started.SelectedWorkers);
        Assert.Contains(Closer, started.SelectedWorkers);

        var layout = ModelFactory.Create("mlp").Layout;
        UpdateSubmitted Make(string worker, int seed)
        {
            var delta = new float[layout.TotalLength];
            for (var i = seed; i < delta.Length; i += 101)
            {
                delta[i] = 1e-4f;
            }

            var key = participants[worker];
            var payload = VectorEncoding.Encode(layout, delta, PayloadKind.Update);
            var hash = SHA256.HashData(payload);
            var commitment = new UpdateCommitment(Bytes32.FromBytes(RunIds.Parse(runId)), 1, Bytes32.Parse(started.GlobalModelHash), Bytes32.FromBytes(hash), 1000, 0);
            return new UpdateSubmitted(runId, 1, worker, key.Address.ToLowerString(), started.GlobalModelHash, payload, "0x" + Convert.ToHexStringLower(hash),
                signer.Sign(commitment, key), 1000, new LocalTrainingMetrics(0, 0, 0, 0)) { ConsentSignature = system.Consent(started, key) };
        }

        // Accepted while registered ...
        await system.Publisher.PublishAsync(Make(Deactivated, 0));
        await system.Events.WaitForAsync<UpdateAccepted>(runId, a => a.WorkerId == Deactivated, TimeSpan.FromMinutes(2), system.Diagnostics);
        // ... then deactivated on-chain before the round closes.
        await system.Ledger.DeactivateParticipantAsync(participants[Deactivated].Address);

        // The round closes only when every selected worker has reported: the honest three, then the last one from the test.
        foreach (var worker in new[] { "worker-1", "worker-2", "worker-3" })
        {
            await system.Events.WaitForAsync<UpdateAccepted>(runId, a => a.WorkerId == worker, TimeSpan.FromMinutes(3), system.Diagnostics);
        }

        await system.Publisher.PublishAsync(Make(Closer, 7));

        var dropped = await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.WorkerId == Deactivated, TimeSpan.FromMinutes(3), system.Diagnostics);
        Assert.Equal(RejectionReason.UnknownParticipant, dropped.Reason);
        Assert.Contains("NotAParticipant", dropped.Message);
        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 1, TimeSpan.FromMinutes(3), system.Diagnostics);
        await heartbeats.CancelAsync();
        await beating;
        Assert.Equal(["worker-1", "worker-2", "worker-3", Closer], committed.Contributions.Select(c => c.WorkerId).Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(system.Events.Of<RoundFailed>(runId));
        var contributors = await system.Ledger.Ledger.ContributorsOfAsync(Bytes32.FromBytes(RunIds.Parse(runId)), 1);
        Assert.Equal(4, contributors.Count);
        Assert.DoesNotContain(participants[Deactivated].Address, contributors);
    }
}
