using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FedChain.Learning.Data;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>
/// The breast cancer task as an operator would deploy it with the hospitals' own model: the MLP of
/// Python/breast_cancer_mlp.py exported with torch.jit.script by Debian's python3-torch, and the task file
/// naming it by SHA-256, with the prepared held-out sets and a fixed or (as the task file says) federated standardisation.
/// </summary>
internal sealed class BreastCancerTorchScriptTask
{
    /// <summary>The local test fraction and split seed every hospital worker uses (the worker host's defaults in these tests).</summary>
    public const double LocalTestFraction = 0.1;

    /// <summary>The split seed (Worker:Data:Seed).</summary>
    public const ulong SplitSeed = 7;

    private BreastCancerTorchScriptTask(string taskPath, string dataDirectory)
    {
        TaskPath = taskPath;
        DataDirectory = dataDirectory;
    }

    /// <summary>The task file written.</summary>
    public string TaskPath { get; }

    /// <summary>The prepared breast cancer folder (hospital CSVs, held-out sets).</summary>
    public string DataDirectory { get; }

    /// <summary>Hospital <paramref name="number"/>'s CSV (1-based).</summary>
    public string Hospital(int number) => Path.Combine(DataDirectory, $"hospital-{number}.csv");

    /// <summary>
    /// Exports the model and writes the task under <paramref name="root"/>. The standardisation is fixed to what
    /// merging the hospitals' training statistics gives, or with <paramref name="federated"/> left "federated" for the
    /// hosts' statistics exchange to fix per run.
    /// </summary>
    public static async Task<BreastCancerTorchScriptTask> WriteAsync(string root, string? modelSha256 = null, bool federated = false)
    {
        var data = await BreastCancerData.DirectoryAsync();
        var model = Path.Combine(root, "breast_cancer_mlp.pt");
        await ExportAsync(model);
        var original = TaskFile.Load(Path.Combine(data, "task.json"));
        var reports = Enumerable.Range(1, BreastCancerData.Hospitals).Select(h => KeyValuePair.Create($"hospital-{h}",
            TaskSiteData.Load(original, Path.Combine(data, $"hospital-{h}.csv"), LocalTestFraction, SplitSeed).Statistics()));
        var merged = StatisticsMerge.Merge(reports, original.Definition.Input.FeatureColumns!.Count).Merged!;
        var standardisation = Standardisation.FromStatistics(merged);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "task.json")))!.AsObject();
        json["model"] = new JsonObject
        {
            ["torchscript"] = model,
            ["sha256"] = modelSha256 ?? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(model))),
        };
        json["input"]!["standardisation"] = federated ? new JsonObject { ["mode"] = "federated" } : new JsonObject
        {
            ["mode"] = "fixed",
            ["mean"] = new JsonArray(standardisation.Mean.Select(m => (JsonNode)JsonValue.Create((double)m)).ToArray()),
            ["std"] = new JsonArray(standardisation.Std.Select(s => (JsonNode)JsonValue.Create((double)s)).ToArray()),
        };
        json["held_out"] = new JsonObject
        {
            ["validation"] = Path.Combine(data, "validation.csv"),
            ["test"] = Path.Combine(data, "test.csv"),
        };
        var taskFile = Path.Combine(root, "task.json");
        await File.WriteAllTextAsync(taskFile, json.ToJsonString());
        return new BreastCancerTorchScriptTask(taskFile, data);
    }

    /// <summary>
    /// What the hosts' exchange fixes for a federated run: the hospitals' training statistics, computed here from their files,
    /// merged by participant address (hospital h signs with <paramref name="addresses"/>[h - 1]) as the aggregator merges them.
    /// </summary>
    public Standardisation FederatedStandardisation(TaskFile task, IReadOnlyList<string> addresses) =>
        Standardisation.FromStatistics(StatisticsMerge.Merge(Enumerable.Range(1, BreastCancerData.Hospitals).Select(h => KeyValuePair.Create(
            addresses[h - 1].ToLowerInvariant(), TaskSiteData.Load(task, Hospital(h), LocalTestFraction, SplitSeed).Statistics())), task.Definition.Input.FeatureColumns!.Count).Merged!);

    /// <summary>The union of the hospitals' local training parts, standardised as every site standardises them (the task's, or the run's <paramref name="runStandardisation"/>).</summary>
    public Dataset CentralTrainingSet(TaskFile task, Standardisation? runStandardisation = null)
    {
        var standardisation = runStandardisation ?? Standardisation.ForTask(task.Definition);
        var parts = Enumerable.Range(1, BreastCancerData.Hospitals)
            .Select(h => TaskSiteData.Load(task, Hospital(h), LocalTestFraction, SplitSeed).Prepare(standardisation).Train).ToArray();
        var features = parts.SelectMany(p => p.ToArrays().Features).ToArray();
        var labels = parts.SelectMany(p => p.ToArrays().Labels).ToArray();
        return Dataset.FromArrays("hospitals 1-3 (union)", features, labels, parts[0].SampleShape, parts[0].NumClasses);
    }

    private static async Task ExportAsync(string model)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Tasks", "Python", "breast_cancer_mlp.py");
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, model], timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"/usr/bin/python3 {script} failed ({result.ExitCode}); is python3-torch installed (tests/scripts/prerequisites.sh)? {result.Output.Trim()}"));
        }
    }
}
