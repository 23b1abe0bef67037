using FedChain.Learning.Data;

namespace FedChain.Benchmarks.Robustness;

/// <summary>One data split of the grid: each worker's partition, the aggregator's validation (root) set and the test set.</summary>
internal sealed record FederatedData(IReadOnlyList<Dataset> Workers, Dataset Validation, Dataset Test)
{
    public static FederatedData Build(Dataset train, Dataset test, GridSettings settings, string partition)
    {
        // As `fedchain simulate`: the validation set is the tail of the training data, which no worker holds.
        var workerRows = train.Count - GridSettings.ValidationSamples;
        var validation = train.Subset(Enumerable.Range(workerRows, GridSettings.ValidationSamples).ToArray(), "mnist (server validation)");
        var poolSize = settings.SamplesPerWorker > 0 ? Math.Min(workerRows, settings.SamplesPerWorker * settings.Workers) : workerRows;
        var pool = train.Subset(Enumerable.Range(0, poolSize).ToArray(), "mnist");
        var seed = unchecked((ulong)settings.Seed);
        var spec = partition.Split(':');
        var parts = spec[0] switch
        {
            "iid" => Partitioner.Iid(pool, settings.Workers, seed),
            "dirichlet" when spec.Length == 2 => Partitioner.Dirichlet(pool, settings.Workers, double.Parse(spec[1], System.Globalization.CultureInfo.InvariantCulture), seed),
            _ => throw new ArgumentException($"partition '{partition}' is not iid or dirichlet:ALPHA"),
        };
        if (parts.Any(p => p.Count == 0))
        {
            throw new ArgumentException($"partition '{partition}' leaves a worker with no samples; use more samples per worker");
        }

        return new FederatedData(parts, validation, test);
    }
}
