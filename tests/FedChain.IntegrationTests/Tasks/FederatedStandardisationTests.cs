using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.Evaluation;
using FedChain.Ethereum;
using FedChain.Ledger;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Testing;
using Xunit.Abstractions;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>
/// Federated standardisation between the real hosts: hospital processes send signed feature statistics over RabbitMQ
/// before round 1, the aggregator merges them, fixes the run's standardisation and records it in the spec on anvil.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FederatedStandardisationTests(RabbitMqFixture rabbit, AnvilFixture anvil, ITestOutputHelper output)
{
    private const int Rounds = 3;

    [Fact]
    public async Task BreastCancer_FederatedMode_EveryPartyAppliesTheMergeOfTheSitesStatistics_BadReportsLeftOut()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root, federated: true);
        var task = TaskFile.Load(prepared.TaskPath);
        Assert.Equal("federated", task.Definition.Input.Standardisation!.Mode);

        // A fourth site with 8 rows: its signed statistics are genuine but too few to merge (StatisticsMerge.MinimumSamples).
        var tiny = Path.Combine(system.Root, "hospital-tiny.csv");
        await File.WriteAllLinesAsync(tiny, File.ReadLines(prepared.Hospital(3)).Take(9));

        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        var hospitals = Enumerable.Range(1, 3).Select(h => system.StartTaskWorker(h - 1, prepared.TaskPath, prepared.Hospital(h))).ToArray();
        system.StartTaskWorker(3, prepared.TaskPath, tiny);
        await system.WaitForHostsAsync(4);

        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, Configuration(task), "breast cancer, federated standardisation"));
        var request = await system.Events.WaitForAsync<RequestFeatureStatistics>(runId, _ => true, TimeSpan.FromMinutes(2), system.Diagnostics);
        Assert.Equal(["worker-1", "worker-2", "worker-3", "worker-4"], request.SelectedWorkers.Order(StringComparer.Ordinal));

        // A report nobody asked for, unsigned: refused naming the worker, whether it comes during or after the exchange.
        await system.Publisher.PublishAsync(new FeatureStatisticsSubmitted(runId, 0, "intruder", system.WorkerKey(0).Address.ToLowerString(), task.Hash,
            100, new byte[30 * sizeof(double)], new byte[30 * sizeof(double)], []));

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);
        Assert.Equal(Rounds, finished.Round);

        // What every party should apply: the three hospitals' statistics (computed here from their files) merged by address.
        var expected = prepared.FederatedStandardisation(task, Enumerable.Range(0, 3).Select(i => system.WorkerKey(i).Address.ToLowerString()).ToArray());
        var fixedEvent = Assert.Single(system.Events.Of<StandardisationFixed>(runId));
        Assert.Equal(expected.Hash, fixedEvent.StandardisationHash);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => system.WorkerKey(i).Address.ToLowerString()).Order(StringComparer.Ordinal), fixedEvent.Included);

        var rejected = system.Events.Of<FeatureStatisticsRejected>(runId);
        var tinyRejection = Assert.Single(rejected, r => r.WorkerId == "worker-4");
        Assert.Contains("over 7 samples, expected at least 10", tinyRejection.Message, StringComparison.Ordinal);
        Assert.StartsWith("worker intruder", Assert.Single(rejected, r => r.WorkerId == "intruder").Message, StringComparison.Ordinal);
        output.WriteLine($"rejections: {string.Join(" | ", rejected.Select(r => r.Message))}");

        // The spec every round carried is the one on-chain, and it records exactly the merged standardisation.
        var spec = system.Events.Of<RoundStarted>(runId).Select(r => r.Spec!).Distinct().Single();
        var onChain = await system.Ledger.RunOfAsync(Bytes32.FromBytes(RunIds.Parse(runId)));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec))), Convert.ToHexStringLower(onChain.SpecHash.ToBytes()));
        using var document = JsonDocument.Parse(spec);
        var part = document.RootElement.GetProperty("Task");
        Assert.Equal(expected.Hash, part.GetProperty("StandardisationHash").GetString());
        Assert.Equal(expected.Mean, part.GetProperty("StandardisationMean").Deserialize<float[]>());
        Assert.Equal(expected.Std, part.GetProperty("StandardisationStd").Deserialize<float[]>());

        // The aggregator scaled its held-out validation set with it: the spec's validation hash is that of the scaled set.
        var (validation, test) = TaskHeldOutData.Load(task).Prepare(expected);
        Assert.Equal(new ServerEvaluation(validation, test).ValidationHash, document.RootElement.GetProperty("ValidationSetHash").GetString());
        // Each hospital scaled its own data with it (the worker logs the hash it checked against the spec and applied).
        foreach (var hospital in hospitals)
        {
            Assert.Contains($"run {runId} standardisation {expected.Hash} applied", hospital.RecentOutput(2000), StringComparison.Ordinal);
        }

        Assert.Equal((ulong)Rounds, await system.Ledger.LastRoundAsync(Bytes32.FromBytes(RunIds.Parse(runId))));
        output.WriteLine($"federated standardisation {expected.Hash}; test accuracy {finished.FinalMetrics.Accuracy:P2} after {finished.Round} rounds");
        Assert.True(finished.FinalMetrics.Accuracy >= 0.9, $"test accuracy {finished.FinalMetrics.Accuracy:P2} after {Rounds} rounds with the federated standardisation");
    }

    [Fact]
    public async Task AggregatorKilledInRound2_RestartResumesWithTheSpecsStandardisation_RunFinishes()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 3);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root, federated: true);
        var task = TaskFile.Load(prepared.TaskPath);
        var first = system.StartAggregator(extra: new Dictionary<string, string>
        {
            ["Aggregator__TaskFile"] = prepared.TaskPath,
            ["Aggregator__CrashAfterAcceptedUpdates"] = "4",
        });
        for (var h = 1; h <= 3; h++)
        {
            system.StartTaskWorker(h - 1, prepared.TaskPath, prepared.Hospital(h));
        }

        await system.WaitForHostsAsync(3);
        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, Configuration(task) with { WorkersPerRound = 3 }, "federated standardisation, aggregator restart"));
        using (var exited = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
        {
            await first.WaitForExitAsync(exited.Token);
        }

        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        Assert.Equal(1UL, await system.Ledger.LastRoundAsync(run));
        var fixedHash = Assert.Single(system.Events.Of<StandardisationFixed>(runId)).StandardisationHash;

        var second = system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);

        Assert.Equal(Rounds, finished.Round);
        Assert.Equal((ulong)Rounds, await system.Ledger.LastRoundAsync(run));
        // The exchange ran once: the resumed run took its standardisation from its spec (the one on-chain), not from a new collection.
        Assert.Single(system.Events.Of<StandardisationFixed>(runId));
        Assert.Single(system.Events.Of<RequestFeatureStatistics>(runId).Select(r => r.Deadline).Distinct());
        var specs = system.Events.Of<RoundStarted>(runId).Select(r => r.Spec!).Distinct().ToArray();
        var spec = Assert.Single(specs);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec))), Convert.ToHexStringLower((await system.Ledger.RunOfAsync(run)).SpecHash.ToBytes()));
        using var document = JsonDocument.Parse(spec);
        Assert.Equal(fixedHash, document.RootElement.GetProperty("Task").GetProperty("StandardisationHash").GetString());
        Assert.Contains($"run {runId} resumed at round 2", second.RecentOutput(2000), StringComparison.Ordinal);
        output.WriteLine($"after the restart: test accuracy {finished.FinalMetrics.Accuracy:P2} after {finished.Round} rounds");
        Assert.True(finished.FinalMetrics.Accuracy >= 0.9, $"test accuracy {finished.FinalMetrics.Accuracy:P2} after the restart");
    }

    [Fact]
    public async Task BadStatistics_UnsignedTamperedUnregistered_EachRefusedNamingTheWorker_BelowQuorumTheRunFailsBeforeTheLedger()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 2);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root, federated: true);
        var task = TaskFile.Load(prepared.TaskPath);
        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        await system.WaitForConsumersAsync(FederationSystem.AggregatorQueue, "fedchain-worker-available", "fedchain-feature-statistics-submitted");

        // The test speaks for three sites: two registered participants and one key the ledger does not know.
        var keys = new[] { system.WorkerKey(0), system.WorkerKey(1), system.WorkerKey(2) };
        for (var i = 0; i < keys.Length; i++)
        {
            await system.Publisher.PublishAsync(system.Heartbeat($"worker-{i + 1}", keys[i], ["task:" + task.Hash], 100));
        }

        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, Configuration(task) with { WorkersPerRound = 3, MinUpdates = 2 }, "bad statistics"));
        await system.Events.WaitForAsync<RequestFeatureStatistics>(runId, r => r.SelectedWorkers.Count == 3, TimeSpan.FromMinutes(1), system.Diagnostics);

        var statistics = new FeatureStatistics(50, Enumerable.Range(1, 30).Select(j => j * 10.0).ToArray(), Enumerable.Range(1, 30).Select(j => j * 2.0).ToArray());
        var signer = new FeatureStatisticsSigner(system.Ledger.Commitments.ChainId, system.Ledger.LedgerAddress);
        FeatureStatisticsSubmitted Signed(int site) => new(runId, 0, $"worker-{site + 1}", keys[site].Address.ToLowerString(), task.Hash, statistics.Count,
            Float64Payload.Encode(statistics.Sum), Float64Payload.Encode(statistics.SquaredDeviations),
            signer.Sign(Bytes32.FromBytes(RunIds.Parse(runId)), Bytes32.Parse(task.Hash), Bytes32.FromBytes(statistics.Hash()), keys[site]));

        // An unsigned report in worker-1's name first: refused, and it does not keep worker-1's own report out.
        await system.Publisher.PublishAsync(Signed(0) with { Signature = [] });
        await system.Events.WaitForAsync<FeatureStatisticsRejected>(runId, r => r.WorkerId == "worker-1", TimeSpan.FromMinutes(1), system.Diagnostics);
        await system.Publisher.PublishAsync(Signed(0));
        await system.Publisher.PublishAsync(Signed(1) with { Sum = Float64Payload.Encode(statistics.Sum.Select(v => v * 2).ToArray()) });
        await system.Publisher.PublishAsync(Signed(2));

        var failed = await system.Events.WaitForAsync<RunFailed>(runId, _ => true, TimeSpan.FromMinutes(1), system.Diagnostics);
        var rejected = system.Events.Of<FeatureStatisticsRejected>(runId).ToDictionary(r => r.WorkerId, r => r.Message);
        output.WriteLine(string.Join(Environment.NewLine, rejected.Values.Append(failed.Reason)));

        Assert.Equal("worker worker-1: statistics signature refused: signature is 0 bytes; the ledger accepts only 65-byte r || s || v signatures", rejected["worker-1"]);
        Assert.StartsWith("worker worker-2: statistics signature recovers to 0x", rejected["worker-2"], StringComparison.Ordinal);
        Assert.EndsWith($"not the claimed {keys[1].Address.ToLowerString()} (not these values, or not its key)", rejected["worker-2"], StringComparison.Ordinal);
        Assert.Equal($"worker worker-3: {keys[2].Address.ToLowerString()} is not a registered, active participant on the ledger", rejected["worker-3"]);
        Assert.StartsWith("usable feature statistics from 1 of 3 sites asked, MinUpdates is 2: ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(rejected["worker-2"], failed.Reason, StringComparison.Ordinal);
        Assert.Contains(rejected["worker-3"], failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("worker worker-1", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(system.Events.Of<StandardisationFixed>(runId));

        // Nothing reached the ledger: the standardisation was never fixed, so the run was never created.
        var unknown = await Assert.ThrowsAsync<LedgerRevertException>(() => system.Ledger.LastRoundAsync(Bytes32.FromBytes(RunIds.Parse(runId))));
        Assert.Contains("UnknownRun", unknown.Message, StringComparison.Ordinal);
    }

    private static RunConfiguration Configuration(TaskFile task)
    {
        var training = task.Definition.Training;
        return new RunConfiguration("torchscript", "fedavg", new Dictionary<string, string>(), Rounds, 4, 1.0, 3,
            training.Epochs, training.BatchSize, training.LearningRate, 7, TimeSpan.FromMinutes(2), "shapley", "1000000000000000000000")
        {
            Engine = "torch",
            Task = new RunTask(task.Hash, task.CanonicalJson),
        };
    }
}
