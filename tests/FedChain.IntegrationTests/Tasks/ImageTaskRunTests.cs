using System.Diagnostics;
using System.Globalization;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Testing;
using Xunit.Abstractions;

namespace FedChain.IntegrationTests.Tasks;

/// <summary>An image-folder task (MNIST written as PNG files) trained by the built-in cnn on the torch engine, worker processes over RabbitMQ.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class ImageTaskRunTests(RabbitMqFixture rabbit, AnvilFixture anvil, ITestOutputHelper output)
{
    // A subset of MNIST keeps 5 cnn rounds within minutes on 2 cores: 3 sites of 3,000 digits, 2,000 test digits.
    private const int Workers = 3;
    private const int SamplesPerWorker = 3000;
    private const int TestSamples = 2000;

    [Fact]
    public async Task MnistPngFolders_BuiltinCnnOnTorch_ReachesNinetySevenPercentInFiveRounds()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: Workers);
        var taskPath = MnistImageFolder.Write(Directory.CreateDirectory(Path.Combine(system.Root, "mnist-png")).FullName, Workers, SamplesPerWorker, TestSamples);
        var task = TaskFile.Load(taskPath);
        system.StartAggregator(extra: new Dictionary<string, string> { ["Aggregator__TaskFile"] = taskPath });
        for (var w = 0; w < Workers; w++)
        {
            system.StartTaskWorker(w, taskPath, Path.Combine(system.Root, "mnist-png", $"worker-{w + 1}"));
        }

        await system.WaitForHostsAsync(Workers);
        var runId = RunIds.Format(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var training = task.Definition.Training;
        var configuration = new RunConfiguration("cnn", "fedavg", new Dictionary<string, string>(), 5, Workers, 1.0, Workers,
            training.Epochs, training.BatchSize, training.LearningRate, 7, TimeSpan.FromMinutes(10), "samples", "1000000000000000000000")
        {
            Engine = "torch",
            Task = new RunTask(task.Hash, task.CanonicalJson),
        };
        var clock = Stopwatch.StartNew();
        await system.Publisher.PublishAsync(new StartRun(runId, 0, configuration, "mnist png task"));
        var finished = await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(40), system.Diagnostics);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cnn on MNIST PNGs ({Workers}x{SamplesPerWorker} training, {TestSamples} test): {finished.FinalMetrics.Accuracy:P2} after {finished.Round} rounds, {clock.Elapsed.TotalSeconds / 5:F1} s per round"));

        Assert.Equal(5, finished.Round);
        Assert.Equal(TestSamples, finished.FinalMetrics.SampleCount);
        Assert.True(finished.FinalMetrics.Accuracy >= 0.97, $"test accuracy after 5 rounds is {finished.FinalMetrics.Accuracy:P2}, expected at least 97%");
    }
}
