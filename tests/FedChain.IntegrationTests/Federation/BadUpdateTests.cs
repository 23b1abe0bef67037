using System.Security.Cryptography;
using FedChain.Aggregator.State;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Federation.Aggregation;
using FedChain.Federation.Encoding;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning;
using FedChain.Ledger;
using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// A rogue participant (the test itself, over the real broker) sends every kind of bad update into a
/// live round of the deployed system: each is rejected with its reason and never counted.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class BadUpdateTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const string Rogue = "worker-4";
    private const string RogueAlias = "worker-5";

    [Fact]
    public async Task BadUpdates_AreRejectedWithTheirReason_AndTheRoundEqualsTheGoodUpdatesAlone()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        system.StartAggregator();
        for (var i = 0; i < 3; i++)
        {
            system.StartWorker(i, 4);
        }

        var rogueKey = system.WorkerKey(3);
        var unregisteredKey = system.WorkerKey(7);
        var signer = new UpdateCommitmentSigner(system.Chain.ChainId, system.Ledger.LedgerAddress);
        using var heartbeats = new CancellationTokenSource();
        var beating = system.BeatAsync(new Dictionary<string, EthereumKey> { [Rogue] = rogueKey }, heartbeats.Token);

        await system.WaitForHostsAsync(3);
        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(1, 4, 3, TimeSpan.FromSeconds(60)), "integration test"));
        var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        Assert.Contains(Rogue, started.SelectedWorkers);

        var layout = ModelFactory.Create("mlp").Layout;
        var delta = new float[layout.TotalLength];
        for (var i = 0; i < delta.Length; i += 97)
        {
            delta[i] = 1e-4f;
        }

        UpdateSubmitted Make(string worker, EthereumKey key, int round, float[] values, ParameterLayout valuesLayout, long samples = 1000, byte[]? hashOverride = null, long? signedSamples = null,
            uint reportedEpsilonMicros = 0)
        {
            var payload = VectorEncoding.Encode(valuesLayout, values, PayloadKind.Update);
            var hash = hashOverride ?? SHA256.HashData(payload);
            var commitment = new UpdateCommitment(Bytes32.FromBytes(RunIds.Parse(runId)), (ulong)round, Bytes32.Parse(started.GlobalModelHash),
                Bytes32.FromBytes(hash), (ulong)(signedSamples ?? samples), 0);
            return new UpdateSubmitted(runId, round, worker, key.Address.ToLowerString(), started.GlobalModelHash, payload, "0x" + Convert.ToHexStringLower(hash),
                signer.Sign(commitment, key), samples, new LocalTrainingMetrics(0, 0, 0, 0) { EpsilonMicros = reportedEpsilonMicros })
            {
                ConsentSignature = system.Consent(started, key),
            };
        }

        var nan = (float[])delta.Clone();
        nan[5] = float.NaN;
        var logreg = ModelFactory.Create("logreg").Layout;
        var bad = new (UpdateSubmitted Update, RejectionReason Reason)[]
        {
            (Make(Rogue, rogueKey, 0, delta, layout), RejectionReason.RoundNotOpen),
            (Make("worker-9", rogueKey, 1, delta, layout), RejectionReason.NotSelected),
            (Make(Rogue, unregisteredKey, 1, delta, layout), RejectionReason.UnknownParticipant),
            (Make(Rogue, rogueKey, 1, delta, layout, hashOverride: SHA256.HashData("not the payload"u8)), RejectionReason.HashMismatch),
            (Make(Rogue, rogueKey, 1, delta, layout, signedSamples: 999), RejectionReason.BadSignature),
            // An epsilon other than the one signed (here: signed 0, reported 0.5) never reaches the chain.
            (Make(Rogue, rogueKey, 1, delta, layout, reportedEpsilonMicros: 500_000), RejectionReason.BadSignature),
            (Make(Rogue, rogueKey, 1, new float[logreg.TotalLength], logreg), RejectionReason.WrongDimension),
            (Make(Rogue, rogueKey, 1, nan, layout), RejectionReason.NonFinite),
        };
        foreach (var (update, reason) in bad)
        {
            await system.Publisher.PublishAsync(update);
            var rejected = await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.UpdateHash == update.UpdateHash && r.WorkerId == update.WorkerId && r.Reason == reason,
                TimeSpan.FromMinutes(2), () => string.Join("; ", system.Events.Of<UpdateRejected>(runId).Select(r => $"{r.WorkerId} {r.Reason}: {r.Message}")));
            Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        }

        // One good update from the rogue, then a second one from the same key under another worker id: a duplicate.
        var good = Make(Rogue, rogueKey, 1, delta, layout);
        await system.Publisher.PublishAsync(good);
        await system.Events.WaitForAsync<UpdateAccepted>(runId, a => a.WorkerId == Rogue, TimeSpan.FromMinutes(2), system.Diagnostics);
        var other = (float[])delta.Clone();
        other[1] = 2e-4f;
        await system.Publisher.PublishAsync(Make(RogueAlias, rogueKey, 1, other, layout));
        await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.WorkerId == RogueAlias && r.Reason == RejectionReason.Duplicate, TimeSpan.FromMinutes(2), system.Diagnostics);

        var committed = await system.Events.WaitForAsync<RoundCommitted>(runId, c => c.Round == 1, TimeSpan.FromMinutes(4), system.Diagnostics);
        await heartbeats.CancelAsync();
        await beating;
        Assert.Equal(["worker-1", "worker-2", "worker-3", Rogue], committed.Contributions.Select(c => c.WorkerId).Order(StringComparer.Ordinal).ToArray());

        // The round's model is exactly FedAvg of the accepted updates (from the aggregator's own store):
        // nothing rejected leaked into it.
        Assert.Equal(RecomputeModelHash(system, runId, started.GlobalModelHash, layout), committed.NewModelHash);
    }

    private static string RecomputeModelHash(FederationSystem system, string runId, string baseHash, ParameterLayout layout)
    {
        var state = Path.Combine(system.Root, "aggregator");
        using var store = new AggregatorStore(Path.Combine(state, "aggregator.db"));
        var blobs = new ContentStore(Path.Combine(state, "blobs"));
        var updates = store.GetUpdates(runId, 1).OrderBy(u => u.Address, StringComparer.Ordinal).ToArray();
        Assert.Equal(4, updates.Length);
        var accumulator = new FedAvgAccumulator(layout.TotalLength);
        foreach (var update in updates)
        {
            accumulator.Fold(VectorEncoding.Decode(blobs.Get(update.UpdateHash), layout, PayloadKind.Update).Values, update.NumSamples);
        }

        var model = VectorEncoding.Decode(blobs.Get(baseHash), layout, PayloadKind.Model).ToArray();
        System.Numerics.Tensors.TensorPrimitives.Add(model, accumulator.Result(), model);
        return "0x" + Convert.ToHexStringLower(SHA256.HashData(VectorEncoding.Encode(layout, model, PayloadKind.Model)));
    }
}
