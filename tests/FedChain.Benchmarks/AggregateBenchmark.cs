using System.Diagnostics;
using System.Globalization;
using FedChain.Federation.Aggregation;
using FedChain.Federation.Numerics;

namespace FedChain.Benchmarks;

/// <summary>
/// The FedAvg fold kernel alone, on the same data as ../shared/bench/peer_fedavg_c.c: "fused" folds all
/// K updates tile by tile in one pass (what the C proxy does), "streaming" folds them one at a time
/// into the accumulator as they would arrive.
/// </summary>
public sealed class AggregateBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "aggregate";

    /// <inheritdoc />
    public string Usage => "aggregate --clients K --params P [--repeats R] [--threads 1|0=all]   FedAvg fold kernel, GB/s of updates folded";

    /// <inheritdoc />
    public Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var clients = options.GetInt("clients", 10);
        var parameters = options.GetInt("params", 1_000_000);
        var threads = options.GetInt("threads", 0);
        var repeats = options.GetInt("repeats", 10);
        if (clients < 1 || parameters < 1 || repeats < 1)
        {
            throw new ArgumentException("--clients, --params and --repeats must be positive");
        }

        var updates = new float[clients][];
        var samples = new double[clients];
        for (var k = 0; k < clients; k++)
        {
            updates[k] = new float[parameters];
            for (var i = 0; i < parameters; i++)
            {
                updates[k][i] = (float)((((long)i * 31) + k) % 1000) * 1e-3f;
            }

            samples[k] = 100 + k;
        }

        var total = samples.Sum();
        var factors = samples.Select(n => (float)(n / total)).ToArray();
        var memories = updates.Select(u => (ReadOnlyMemory<float>)u).ToArray();
        var output1 = new float[parameters];
        var fused = BestOf(repeats, () => VectorMath.FoldWeightedMany(output1, memories, factors, overwrite: true, parallel: threads != 1));
        Write(output, "fused", threads, clients, parameters, fused, output1[parameters / 2]);

        var accumulator = new FedAvgAccumulator(parameters, parallel: threads != 1);
        var streaming = BestOf(repeats, () =>
        {
            accumulator.Reset();
            for (var k = 0; k < clients; k++)
            {
                accumulator.Fold(updates[k], samples[k]);
            }
        });
        Write(output, "streaming", threads, clients, parameters, streaming, accumulator.Result()[parameters / 2]);
        return Task.CompletedTask;
    }

    internal static double BestOf(int repeats, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static void Write(TextWriter output, string mode, int threads, int clients, int parameters, double seconds, float check) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\": \"aggregate\", \"mode\": \"{mode}\", \"threads\": {(threads == 1 ? 1 : Environment.ProcessorCount)}, \"clients\": {clients}, \"params\": {parameters}, \"seconds\": {seconds:G6}, \"gbytes_per_s\": {(double)clients * parameters * 4 / seconds / 1e9:G6}, \"check\": {check:G6}}}"));
}
