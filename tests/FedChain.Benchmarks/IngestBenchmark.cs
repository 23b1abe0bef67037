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
    public string Usage => "ingest --clients K --params P [--repeats R]   decode+hash+validate+fold from encoded bytes, GB/s";

    /// <inheritdoc />
    public Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var clients = options.GetInt("clients", 10);
        var parameters = options.GetInt("params", 1_000_000);
        var repeats = options.GetInt("repeats", 5);
        if (clients < 1 || parameters < 1 || repeats < 1)
        {
            throw new ArgumentException("--clients, --params and --repeats must be positive");
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
        var accumulator = new FedAvgAccumulator(parameters);
        var ingest = AggregateBenchmark.BestOf(repeats, () =>
        {
            var validator = new UpdateValidator("bench", 1, layout, ids, maxNorm: 1e6);
            accumulator.Reset();
            foreach (var update in updates)
            {
                var result = validator.Validate(update);
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"benchmark update rejected: {result.Message}");
                }

                accumulator.Fold(result.Vector!.Values, update.NumSamples);
            }
        });

        Span<byte> digest = stackalloc byte[32];
        var sink = 0;
        var sha = AggregateBenchmark.BestOf(repeats, () =>
        {
            Span<byte> d = stackalloc byte[32];
            foreach (var update in updates)
            {
                SHA256.HashData(update.Payload.Span, d);
                sink += d[0];
            }
        });
        SHA256.HashData(updates[0].Payload.Span, digest);

        var ingestRate = bytes / ingest / 1e9;
        var shaRate = bytes / sha / 1e9;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\": \"ingest\", \"clients\": {clients}, \"params\": {parameters}, \"bytes\": {bytes}, \"seconds\": {ingest:G6}, \"gbytes_per_s\": {ingestRate:G6}, \"sha256_seconds\": {sha:G6}, \"sha256_gbytes_per_s\": {shaRate:G6}, \"ratio_to_sha256\": {ingestRate / shaRate:G4}, \"check\": {accumulator.Result()[parameters / 2]:G6}, \"sink\": {sink + digest[0]}}}"));
        return Task.CompletedTask;
    }
}
