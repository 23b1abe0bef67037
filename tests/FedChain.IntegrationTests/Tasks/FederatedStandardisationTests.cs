using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.Evaluation;
using FedChain.Ethereum;
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
            100, new double[30], new double[30], []));

        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);
        Assert.Equal(Rounds, finished.Round);

        // What every party should apply: the three hospitals' statistics (computed here from their files) merged by address.
        var expected = Standardisation.FromStatistics(StatisticsMerge.Merge(Enumerable.Range(1, 3).Select(h => KeyValuePair.Create(
            system.WorkerKey(h - 1).Address.ToLowerString(),
            TaskSiteData.Load(task, prepared.Hospital(h), BreastCancerTorchScriptTask.LocalTestFraction, BreastCancerTorchScriptTask.SplitSeed).Statistics())), 30).Merged!);
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
