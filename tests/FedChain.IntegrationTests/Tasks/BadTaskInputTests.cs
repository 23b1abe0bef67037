using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>
/// Bad input at the hosts, each in its own OS process: the host stops before training or serving anything,
/// with one line naming the file and what is wrong (the round-level consequence is in <see cref="TaskRunTests"/>).
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BadTaskInputTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    [Fact]
    public async Task BadSiteData_EachWorkerStopsWithOneLineNamingFileAndProblem()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 0);
        var prepared = await BreastCancerTorchScriptTask.WriteAsync(system.Root);
        var header = File.ReadLines(prepared.Hospital(1)).First().Split(',');
        var area = Array.IndexOf(header, "mean area");
        var diagnosis = Array.IndexOf(header, "diagnosis");

        var missingColumn = Rewrite(system.Root, prepared.Hospital(1), "missing-column.csv",
            (line, _) => string.Join(',', line.Split(',').Where((_, i) => i != area)));
        var badLabel = Rewrite(system.Root, prepared.Hospital(1), "bad-label.csv",
            (line, number) => number == 3 ? Replace(line, diagnosis, "unknown") : line);
        var imageTask = WriteImageTask(system.Root);

        var cases = new (string Data, string Task, string[] Expected)[]
        {
            (missingColumn, prepared.TaskPath, ["missing-column.csv", "input.feature_columns \"mean area\" is not among the columns"]),
            (badLabel, prepared.TaskPath, ["bad-label.csv: line 3, column 'diagnosis': label 'unknown' is not among input.classes (benign, malignant)"]),
            (Path.Combine(system.Root, "images", "site"), imageTask, [Path.Combine("site", "a"), ".png: image: is 10x10, expected 28x28 (input.width x input.height)"]),
        };
        var hosts = cases.Select((c, i) => system.StartTaskWorker(i, c.Task, c.Data)).ToArray();
        for (var i = 0; i < cases.Length; i++)
        {
            using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await hosts[i].WaitForExitAsync(exit.Token);
            AssertOneLine(hosts[i], cases[i].Expected);
        }
    }

    [Fact]
    public async Task BadModelFile_AggregatorStopsWithOneLineNamingFileAndProblem()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 0);
        var wrongHash = await BreastCancerTorchScriptTask.WriteAsync(Directory.CreateDirectory(Path.Combine(system.Root, "wrong-hash")).FullName, new string('a', 64));
        var notTorchScript = await BreastCancerTorchScriptTask.WriteAsync(Directory.CreateDirectory(Path.Combine(system.Root, "not-torchscript")).FullName);
        var model = Path.Combine(system.Root, "not-torchscript", "breast_cancer_mlp.pt");
        await File.WriteAllTextAsync(model, "this is a pickle, not a TorchScript archive");
        var text = await File.ReadAllTextAsync(notTorchScript.TaskPath);
        var oldHash = System.Text.RegularExpressions.Regex.Match(text, "\"sha256\":\"([0-9a-f]{64})\"").Groups[1].Value;
        await File.WriteAllTextAsync(notTorchScript.TaskPath, text.Replace(oldHash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(model))), StringComparison.Ordinal));

        var hashHost = system.StartAggregator("state-1", new Dictionary<string, string> { ["Aggregator__TaskFile"] = wrongHash.TaskPath });
        var formatHost = system.StartAggregator("state-2", new Dictionary<string, string> { ["Aggregator__TaskFile"] = notTorchScript.TaskPath });
        using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await hashHost.WaitForExitAsync(exit.Token);
        await formatHost.WaitForExitAsync(exit.Token);

        AssertOneLine(hashHost, "Aggregator:TaskFile: ", "breast_cancer_mlp.pt: SHA-256 is 0x", $"the run expects 0x{new string('a', 64)}");
        AssertOneLine(formatHost, "Aggregator:TaskFile: ", "breast_cancer_mlp.pt: not a TorchScript model file");
    }

    private static void AssertOneLine(HostProcess host, params string[] expected)
    {
        var line = host.RecentOutput(400).Split('\n').FirstOrDefault(l => l.StartsWith("Unhandled exception.", StringComparison.Ordinal)
            && expected.All(e => l.Contains(e, StringComparison.Ordinal)));
        Assert.True(line is not null, $"no one-line error containing {string.Join(" and ", expected.Select(e => $"\"{e}\""))}:{Environment.NewLine}{host.RecentOutput()}");
    }

    private static string Rewrite(string root, string source, string name, Func<string, int, string> change)
    {
        var path = Path.Combine(root, name);
        File.WriteAllLines(path, File.ReadAllLines(source).Select((line, i) => change(line, i + 1)));
        return path;
    }

    private static string Replace(string line, int column, string value)
    {
        var cells = line.Split(',');
        cells[column] = value;
        return string.Join(',', cells);
    }

    // An images task for 28x28 grey digits, and a site folder whose images are 10x10.
    private static string WriteImageTask(string root)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        var small = Dataset.FromArrays("small", new float[2 * 100], [0, 1], [1, 10, 10], 2);
        ImageFolderWriter.Write(small, ["a", "b"], Path.Combine(directory, "site"));
        var task = Path.Combine(directory, "task.json");
        File.WriteAllText(task, """
            {
              "name": "digits-28",
              "model": {"builtin": "cnn"},
              "input": {"format": "images", "width": 28, "height": 28, "channels": 1, "classes": ["a", "b"]},
              "loss": "cross_entropy",
              "metrics": ["accuracy"],
              "training": {"epochs": 1, "batch_size": 10, "learning_rate": 0.05, "optimizer": "sgd"},
              "held_out": {"validation": "validation", "test": "test"}
            }
            """);
        return task;
    }
}
