using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Learning.Torch;

namespace FedChain.Benchmarks;

/// <summary>
/// Local-training throughput on random 28x28 inputs, the same workload as
/// ../shared/bench/peer_train_torch.py: plain SGD (lr 0.05), one pass over N samples, on either engine
/// through the engine seam (the vector goes in and comes out once per pass, as in a round).
/// </summary>
public sealed class TrainBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "train";

    /// <inheritdoc />
    public string Usage => "train [--engine native|torch] [--model mlp|cnn|all] [--batch B] [--samples N] [--repeat R]   [--profile] (defaults: all models, batches 10 and 64, N 12000 (cnn: min(N, 3000)), R 1)";

    /// <inheritdoc />
    public Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var model = options.GetString("model", "all");
        var models = model == "all" ? new[] { "mlp", "cnn" } : [model];
        foreach (var m in models)
        {
            if (!ModelFactory.Names.Contains(m))
            {
                throw new ArgumentException($"--model expects mlp, cnn, logreg or all, got '{m}'");
            }
        }

        var engineName = options.GetString("engine", NativeEngine.EngineName);
        var engine = LearningEngines.Create(engineName);
        var batch = options.GetInt("batch", 0);
        var batches = batch > 0 ? new[] { batch } : [10, 64];
        var samples = options.GetInt("samples", 12000);
        var repeat = options.GetInt("repeat", 1);
        if (samples < 1 || repeat < 1)
        {
            throw new ArgumentException($"--samples ({samples}) and --repeat ({repeat}) must be positive");
        }

        if (options.GetString("profile", "false") == "true")
        {
            foreach (var name in models)
            {
                foreach (var b in batches)
                {
                    LayerProfile.Run(name, b, output);
                }
            }

            return Task.CompletedTask;
        }

        foreach (var name in models)
        {
            // Like the peer: the CNN runs over at most 3000 samples unless --samples says fewer.
            var n = name == "cnn" ? Math.Min(samples, 3000) : samples;
            var data = RandomData(n);
            foreach (var b in batches)
            {
                for (var r = 0; r < repeat; r++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var line = Measure(engine, name, data, b);
                    output.WriteLine(JsonSerializer.Serialize(line));
                }
            }
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, object> Measure(ILearningEngine engine, string name, Dataset data, int batch)
    {
        using var model = engine.Create(ModelFactory.SpecOf(name), seed: 0);
        var vector = model.InitialParameters();
        var plan = new TrainingPlan(Epochs: 1, BatchSize: batch, LearningRate: 0.05f, Seed: 0);

        // Warm-up on a slice so the JIT has tiered the hot loops before the clock starts.
        var warm = data.Subset(Enumerable.Range(0, Math.Min(data.Count, batch * 20)).ToArray());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            model.Train(vector, warm, plan);
        }

        // CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        model.Train(vector, data, plan);
        var seconds = clock.Elapsed.TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new Dictionary<string, object>
        {
            ["bench"] = "train",
            ["engine"] = engine.Name,
            ["model"] = name,
            ["batch"] = batch,
            ["samples"] = data.Count,
            ["params"] = model.Layout.TotalLength,
            ["samples_per_s"] = Math.Round(data.Count / seconds, 1),
            ["seconds"] = Math.Round(seconds, 4),
            ["cpu_seconds"] = Math.Round(cpuSeconds, 4),
            ["samples_per_cpu_s"] = Math.Round(data.Count / cpuSeconds, 1),
            ["allocated_bytes"] = allocated,
            ["threads"] = engine.Name == TorchEngine.EngineName ? TorchSharp.torch.get_num_threads() : Environment.ProcessorCount,
            ["runtime"] = string.Create(CultureInfo.InvariantCulture, $"{Environment.Version}"),
        };
    }

    private static Dataset RandomData(int n)
    {
        var random = new DeterministicRandom(0);
        var features = new float[n * 784];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextInt(10);
        }

        return Dataset.FromArrays("random", features, labels, [1, 28, 28], 10);
    }
}
