using System.Globalization;
using System.Text.Json;
using FedChain.IntegrationTests.Cli;
using FedChain.IntegrationTests.Federation;
using FedChain.Learning.Data;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>
/// A committed model taken out with `fedchain models export` (the built console, its own process) and evaluated by
/// Debian's PyTorch with Python/evaluate_exported.py, which knows nothing of FedChain.
/// </summary>
internal static class ExportedModel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the export against the system's chain and returns the console's JSON report.</summary>
    public static async Task<JsonElement> ExportAsync(FederationSystem system, string runId, string state, string format, string file)
    {
        var result = await ExportCommandAsync(system, "--run", runId, "--state", state, "--format", format, "--out", file, "--json");
        Assert.True(result.ExitCode == 0, $"fedchain models export --format {format} failed ({result.ExitCode}): {result.Output}");
        using var report = JsonDocument.Parse(result.Output);
        return report.RootElement.Clone();
    }

    /// <summary>`fedchain models export` with the system's --rpc and --ledger and <paramref name="arguments"/>.</summary>
    public static Task<ProcessRunner.Result> ExportCommandAsync(FederationSystem system, params string[] arguments) =>
        FedChainCli.RunAsync(system.Root, Timeout, ["models", "export", .. arguments, "--rpc", system.Chain.RpcUrl.ToString(), "--ledger", system.Ledger.LedgerAddress.ToString()]);

    /// <summary>Writes <paramref name="test"/> (already standardised) as a headerless CSV of features then the label, values round-trip exact.</summary>
    public static async Task<string> WriteTestSetAsync(Dataset test, string path)
    {
        var (features, labels) = test.ToArrays();
        var width = test.FeatureCount;
        var lines = Enumerable.Range(0, test.Count).Select(i => string.Join(',',
            features.AsSpan(i * width, width).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Append(labels[i].ToString(CultureInfo.InvariantCulture))));
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    /// <summary>
    /// PyTorch's test accuracy of an exported file; a safetensors file is loaded into <paramref name="taskModel"/> (the task's
    /// untrained .pt), and each CSV row is reshaped to <paramref name="sampleShape"/> when given (images).
    /// </summary>
    public static async Task<(double Accuracy, int Samples)> PythonAccuracyAsync(string format, string file, string testCsv, string? taskModel = null, IReadOnlyList<int>? sampleShape = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Tasks", "Python", "evaluate_exported.py");
        List<string> arguments = [script, format, file, testCsv];
        if (taskModel is not null)
        {
            arguments.AddRange(["--into", taskModel]);
        }

        if (sampleShape is not null)
        {
            arguments.AddRange(["--shape", string.Join('x', sampleShape)]);
        }

        var result = await ProcessRunner.RunAsync("/usr/bin/python3", arguments, timeout: Timeout);
        Assert.True(result.ExitCode == 0, $"/usr/bin/python3 evaluate_exported.py {format} failed ({result.ExitCode}): {result.Output}");
        using var report = JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]);
        return (report.RootElement.GetProperty("accuracy").GetDouble(), report.RootElement.GetProperty("samples").GetInt32());
    }
}
