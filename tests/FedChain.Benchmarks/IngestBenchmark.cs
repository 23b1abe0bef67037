using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FedChain.Federation.Aggregation;
using FedChain.Federation.Encoding;
using FedChain.Federation.Validation;
using FedChain.Learning;

namespace FedChain.Benchmarks;

/// <summary>
/// The aggregator's per-update path from encoded bytes: decode + SHA-256 + validate (finite, norm) +
/// streaming fold, against plain SHA-256 over the same bytes (hashing is the floor).
/// </summary>
public sealed class IngestBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "ingest";

    /// <inheritdoc />
    public string Usage => "ingest --clients K --params P [--repeats R] [--threads 1|0=all] [--concurrency N]   decode+hash+validate+fold from encoded bytes, GB/s";

    /// <inheritdoc />
    public Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var clients = options.GetInt("clients", 10);
        var parameters = options.GetInt("params", 1_000_000);
        var threads = options.GetInt("threads", 0);
        var concurrency = options.GetInt("concurrency", 1);
        var repeats = options.GetInt("repeats", 5);
        if (clients < 1 || parameters < 1 || repeats < 1 || concurrency < 1)
        {
            throw new ArgumentException("--clients, --params, --repeats and --concurrency must be positive");
        }

        var layout = ParameterLayout.Sequential(("w", [parameters]));
        var ids = Enumerable.Range(0, clients).Select(k => $"client-{k}").ToArray();
        var updates = new IncomingUpdate[clients];
        var values = new float[parameters];
        for (var k = 0; k < clients; k++)
        {
            for (var i = 0; i < parameters; i++)
            {
                values[i] = ((float)((((long)i * 31) + k) % 1000) * 1e-3f) - 0.5f;
            }

            var payload = VectorEncoding.Encode(layout, values, PayloadKind.Update);
            updates[k] = new IncomingUpdate("bench", 1, ids[k], 100 + k, payload, SHA256.HashData(payload));
        }

        var bytes = updates.Sum(u => (double)u.Payload.Length);
        var accumulator = new FedAvgAccumulator(parameters, parallel: threads != 1);
        var foldLock = new Lock();
        long validateTicks = 0, foldTicks = 0;
        void IngestOne(UpdateValidator validator, IncomingUpdate update)
        {
            var t0 = Stopwatch.GetTimestamp();
            var result = validator.Validate(update);
            if (!result.IsAccepted)
            {
                throw new InvalidOperationException($"benchmark update rejected: {result.Message}");
            }

            var t1 = Stopwatch.GetTimestamp();
            lock (foldLock)
            {
                accumulator.Fold(result.Vector!.Values, update.NumSamples);
            }

            Interlocked.Add(ref foldTicks, Stopwatch.GetTimestamp() - t1);
            Interlocked.Add(ref validateTicks, t1 - t0);
        }

        void IngestPass()
        {
            var validator = new UpdateValidator("bench", 1, layout, ids, maxNorm: 1e6);
            accumulator.Reset();
            validateTicks = 0;
            foldTicks = 0;
            if (concurrency == 1)
            {
                foreach (var update in updates)
                {
                    IngestOne(validator, update);
                }
            }
            else
            {
                Parallel.ForEach(updates, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, u => IngestOne(validator, u));
            }
        }

        var sink = 0;
        void ShaPass()
        {
            Span<byte> d = stackalloc byte[32];
            foreach (var update in updates)
            {
                SHA256.HashData(update.Payload.Span, d);
                sink += d[0];
            }
        }

        // The hardware's SHA-256 ceiling: one 64 KiB chunk that stays in L2, hashed over and over.
        var hot = updates[0].Payload[..Math.Min(64 * 1024, updates[0].Payload.Length)];
        var hotRounds = (int)Math.Max(1, bytes / hot.Length / 4);
        void HotPass()
        {
            Span<byte> d = stackalloc byte[32];
            for (var i = 0; i < hotRounds; i++)
            {
                SHA256.HashData(hot.Span, d);
            }
        }

        // Interleaved, so both sides see the same machine load; the paired ratio is the robust figure on a shared machine.
        IngestPass();
        ShaPass();
        HotPass();
        double ingest = double.MaxValue, sha = double.MaxValue, hotSeconds = double.MaxValue, validateBest = double.MaxValue, foldBest = double.MaxValue;
        var paired = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var ts = Time(ShaPass);
            var ti = Time(IngestPass);
            validateBest = Math.Min(validateBest, (double)validateTicks / Stopwatch.Frequency);
            foldBest = Math.Min(foldBest, (double)foldTicks / Stopwatch.Frequency);
            hotSeconds = Math.Min(hotSeconds, Time(HotPass));
            sha = Math.Min(sha, ts);
            ingest = Math.Min(ingest, ti);
            paired.Add(ts / ti);
        }

        paired.Sort();
        var pairedMedian = paired[paired.Count / 2];
        var hotRate = (double)hot.Length * hotRounds / hotSeconds / 1e9;
        var ingestRate = bytes / ingest / 1e9;
        var shaRate = bytes / sha / 1e9;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\": \"ingest\", \"threads\": {(threads == 1 ? 1 : Environment.ProcessorCount)}, \"concurrency\": {concurrency}, \"clients\": {clients}, \"params\": {parameters}, \"bytes\": {bytes}, \"seconds\": {ingest:G6}, \"gbytes_per_s\": {ingestRate:G6}, \"validate_seconds\": {validateBest:G6}, \"fold_seconds\": {foldBest:G6}, \"sha256_seconds\": {sha:G6}, \"sha256_gbytes_per_s\": {shaRate:G6}, \"ratio_to_sha256\": {ingestRate / shaRate:G4}, \"ratio_to_sha256_paired_median\": {pairedMedian:G4}, \"sha256_hot_gbytes_per_s\": {hotRate:G6}, \"ratio_to_sha256_hot\": {ingestRate / hotRate:G4}, \"check\": {accumulator.Result()[parameters / 2]:G6}, \"sink\": {sink}}}"));
        return Task.CompletedTask;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
