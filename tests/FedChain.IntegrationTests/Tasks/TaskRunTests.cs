using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.IntegrationTests.Cli;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Ledger;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Testing;
using Xunit.Abstractions;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>A consortium's own task end to end: aggregator and hospital workers in their own processes, real RabbitMQ, real anvil, TorchSharp.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TaskRunTests(RabbitMqFixture rabbit, AnvilFixture anvil, ITestOutputHelper output)
{
    private const int Rounds = 10;

    [Fact]
    public async Task BreastCancer_ThreeHospitalProcesses_TorchScriptMlp_ReachesCentralAccuracy()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 3);
        // The task as given: its standardisation is "federated", fixed by the hosts' statistics exchange before round 1.
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root, federated: true);
        var task = TaskFile.Load(prepared.TaskPath);
        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        for (var h = 1; h <= 3; h++)
        {
            system.StartTaskWorker(h - 1, prepared.TaskPath, prepared.Hospital(h));
        }

        await system.WaitForHostsAsync(3);
        var runId = RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var configuration = Configuration(task, workers: 3, minUpdates: 3);
        var clock = Stopwatch.StartNew();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, configuration, "breast cancer task"));
        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(10), system.Diagnostics);
        var perRound = clock.Elapsed.TotalSeconds / Rounds;

        // The same model, engine and seed trained centrally on the union of the hospitals' training parts, scaled as the run scaled them.
        var standardisation = prepared.FederatedStandardisation(task, Enumerable.Range(0, 3).Select(i => system.WorkerKey(i).Address.ToLowerString()).ToArray());
        Assert.Equal(standardisation.Hash, Assert.Single(system.Events.Of<StandardisationFixed>(runId)).StandardisationHash);
        var heldOut = TaskHeldOutData.Load(task);
        var (_, test) = heldOut.Prepare(standardisation);
        using var central = TorchEngine.LoadTorchScript(task.TorchScriptPath!, task.Definition.Model.Sha256!, [30], 2);
        var plan = new Learning.TrainingPlan(Rounds * configuration.LocalEpochs, configuration.BatchSize, (float)configuration.LearningRate, Seed: (ulong)configuration.Seed);
        var trained = central.Train(central.InitialParameters(), prepared.CentralTrainingSet(task, standardisation), plan).Parameters;
        var centralAccuracy = central.Evaluate(trained, test).Accuracy;
        var committed = system.Events.Of<RoundCommitted>(runId).OrderBy(c => c.Round).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"federated test accuracy {finished.FinalMetrics.Accuracy:P2} after {finished.Round} rounds, central {centralAccuracy:P2}; {perRound:F2} s per round (wall clock, 3 worker processes, commit included); per round: {string.Join(", ", committed.Select(c => $"{c.Round}:{c.Metrics.Accuracy:P1}"))}"));

        Assert.Equal(Rounds, finished.Round);
        Assert.True(finished.FinalMetrics.Accuracy >= 0.95, $"federated test accuracy {finished.FinalMetrics.Accuracy:P2}, expected at least 95%");
        Assert.True(Math.Abs(finished.FinalMetrics.Accuracy - centralAccuracy) <= 0.02,
            $"federated {finished.FinalMetrics.Accuracy:P2} is more than 2 points from central {centralAccuracy:P2}");
        Assert.Equal(test.Count, finished.FinalMetrics.SampleCount);

        // The chain has every round, each with the three hospitals' contributions scored on the task's validation set.
        var run = Bytes32.FromBytes(RunIds.Parse(runId));
        Assert.Equal((ulong)Rounds, await system.Ledger.LastRoundAsync(run));
        var contributions = await system.Ledger.GetContributionRecordedEventsAsync(run);
        Assert.Equal(Rounds * 3, contributions.Count);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => system.WorkerKey(i).Address).ToHashSet(), contributions.Select(c => c.Contributor).ToHashSet());
        Assert.True(contributions.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Reward) > 0);
        Assert.Equal(committed[^1].NewModelHash, finished.FinalModelHash);

        // The committed model leaves FedChain: PyTorch alone loads each exported file and gets the same test accuracy.
        var exporting = Stopwatch.StartNew();
        var state = Path.Combine(system.Root, "aggregator");
        var testCsv = await ExportedModel.WriteTestSetAsync(test, Path.Combine(system.Root, "test-standardised.csv"));
        foreach (var (format, extension) in new[] { ("torchscript", "pt"), ("safetensors", "safetensors") })
        {
            var file = Path.Combine(system.Root, $"breast-cancer-round-{Rounds}.{extension}");
            var report = await ExportedModel.ExportAsync(system, runId, state, format, file);
            Assert.Equal(Rounds, report.GetProperty("round").GetInt32());
            Assert.Equal(finished.FinalModelHash, report.GetProperty("modelHash").GetString());
            Assert.StartsWith($"the ledger {system.Ledger.LedgerAddress.ToChecksumString()} at ", report.GetProperty("checkedAgainst").GetString(), StringComparison.Ordinal);
            var (accuracy, samples) = await ExportedModel.PythonAccuracyAsync(format, file, testCsv, format == "safetensors" ? task.TorchScriptPath : null);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exported {format}: PyTorch test accuracy {accuracy:P2} on {samples} samples, FedChain's {finished.FinalMetrics.Accuracy:P2}"));
            Assert.Equal(test.Count, samples);
            Assert.True(Math.Abs(accuracy - finished.FinalMetrics.Accuracy) <= 0.001,
                $"PyTorch's accuracy of the exported {format} model is {accuracy:P2}, FedChain's {finished.FinalMetrics.Accuracy:P2}");
        }

        await AssertExportRefusesBadInputAsync(system, runId, state);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export checks (2 exports, 2 PyTorch evaluations, 5 refusals): {exporting.Elapsed.TotalSeconds:F1} s"));
    }

    [Fact]
    public async Task BadSiteData_WorkerStopsWithOneLine_RoundCommitsWithTheOthers()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 3);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root);
        var task = TaskFile.Load(prepared.TaskPath);
        var lines = File.ReadAllLines(prepared.Hospital(3));
        var bad = Path.Combine(system.Root, "hospital-3-bad.csv");
        // Line 5 of the file: a cell a spreadsheet export left as text.
        var cells = lines[4].Split(',');
        cells[3] = "n/a";
        lines[4] = string.Join(',', cells);
        await File.WriteAllLinesAsync(bad, lines);

        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        system.StartTaskWorker(0, prepared.TaskPath, prepared.Hospital(1));
        system.StartTaskWorker(1, prepared.TaskPath, prepared.Hospital(2));
        var broken = system.StartTaskWorker(2, prepared.TaskPath, bad);

        using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await broken.WaitForExitAsync(exit.Token);
        var refusal = broken.RecentOutput(200).Split('\n').FirstOrDefault(l => l.Contains("hospital-3-bad.csv: line 5", StringComparison.Ordinal));
        Assert.True(refusal is not null, $"the bad worker's output names no file and line:{Environment.NewLine}{broken.RecentOutput()}");
        Assert.Contains("'n/a' is not a finite number", refusal, StringComparison.Ordinal);

        await system.WaitForHostsAsync(2);
        var runId = RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, Configuration(task, workers: 0, minUpdates: 2) with { Rounds = 1 }, "one bad hospital"));
        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);

        Assert.Equal(1, finished.Round);
        var record = await system.Ledger.RoundOfAsync(Bytes32.FromBytes(RunIds.Parse(runId)), 1);
        Assert.Equal(2U, record.ContributorCount);
    }

    [Fact]
    public async Task RunOfAnotherTask_AggregatorRefusesNamingTheField()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 1);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root);
        var task = TaskFile.Load(prepared.TaskPath);
        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = prepared.TaskPath });
        await system.WaitForConsumersAsync(FederationSystem.AggregatorQueue);

        var runId = RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var other = Configuration(task, 1, 1) with { Task = new RunTask("0x" + new string('1', 64), task.CanonicalJson) };
        await system.Publisher.PublishAsync(new StartRun(runId, 0, other, "another task"));
        var failed = await system.Events.WaitForAsync<RunFailed>(runId, _ => true, TimeSpan.FromMinutes(2), system.Diagnostics);

        Assert.StartsWith("Configuration.Task.Hash 0x1111", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(task.Hash, failed.Reason, StringComparison.Ordinal);
        // Never created on the ledger.
        var unknown = await Assert.ThrowsAsync<LedgerRevertException>(() => system.Ledger.LastRoundAsync(Bytes32.FromBytes(RunIds.Parse(runId))));
        Assert.Contains("UnknownRun", unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>Each bad request is one line naming what is wrong, and no file is written; a state whose record is not the chain's is refused.</summary>
    private static async Task AssertExportRefusesBadInputAsync(FederationSystem system, string runId, string state)
    {
        var file = Path.Combine(system.Root, "refused.pt");
        FedChainCli.AssertOneLineError(await ExportedModel.ExportCommandAsync(system, "--run", runId, "--state", state, "--format", "onnx", "--out", file),
            2, "--format 'onnx' is not one of: torchscript, safetensors");
        var unknown = RunIds.Format(Enumerable.Repeat((byte)0x11, 32).ToArray());
        FedChainCli.AssertOneLineError(await ExportedModel.ExportCommandAsync(system, "--run", unknown, "--state", state, "--format", "torchscript", "--out", file),
            2, $"the state in {state} holds no run {unknown}");
        FedChainCli.AssertOneLineError(await ExportedModel.ExportCommandAsync(system, "--run", runId, "--round", $"{Rounds + 1}", "--state", state, "--format", "torchscript", "--out", file),
            2, $"round {Rounds + 1} of run {runId} is not committed in {state} (not started; last committed round: {Rounds})");
        var nowhere = Path.Combine(system.Root, "no-such-folder", "model.pt");
        FedChainCli.AssertOneLineError(await ExportedModel.ExportCommandAsync(system, "--run", runId, "--state", state, "--format", "torchscript", "--out", nowhere),
            2, $"--out '{nowhere}' cannot be written: folder '{Path.GetDirectoryName(nowhere)}' does not exist");

        // A copy of the state whose last round names the model before it: the blob is genuine, but not what the chain committed.
        var tampered = Path.Combine(system.Root, "aggregator-tampered");
        foreach (var source in Directory.EnumerateFiles(state, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(tampered, Path.GetRelativePath(state, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        string earlier, last;
        using (var store = new Aggregator.State.AggregatorStore(Path.Combine(tampered, "aggregator.db")))
        {
            var round = store.GetRound(runId, Rounds)!;
            earlier = store.GetRound(runId, Rounds - 1)!.NewModelHash!;
            last = round.NewModelHash!;
            store.SaveRound(round with { NewModelHash = earlier });
        }

        FedChainCli.AssertOneLineError(await ExportedModel.ExportCommandAsync(system, "--run", runId, "--state", tampered, "--format", "safetensors", "--out", file),
            1, $"round {Rounds} of run {runId}: the state's model is {earlier}, the ledger {system.Ledger.LedgerAddress.ToChecksumString()} at {system.Chain.RpcUrl} records {last}");
        Assert.False(File.Exists(file), "a refused export left a file behind");
        Assert.Empty(Directory.EnumerateFiles(system.Root, "*.tmp"));
    }

    private static RunConfiguration Configuration(TaskFile task, int workers, int minUpdates)
    {
        var training = task.Definition.Training;
        return new RunConfiguration("torchscript", "fedavg", new Dictionary<string, string>(), Rounds, workers, 1.0, minUpdates,
            training.Epochs, training.BatchSize, training.LearningRate, 7, TimeSpan.FromMinutes(2), "shapley", "1000000000000000000000")
        {
            Engine = "torch",
            Task = new RunTask(task.Hash, task.CanonicalJson),
        };
    }
}
