using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.Tasks;
using FedChain.Cli.Infrastructure;
using FedChain.Learning.Data;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Worker.Data;
using FedChain.Worker.Training;

namespace FedChain.Cli.Simulation;

/// <summary>
/// The data of a simulation: the aggregator's held-out validation and test sets, and each simulated
/// worker's private partition (with its own local test split). Noisy workers get shuffled labels.
/// </summary>
/// <param name="Server">The aggregator's sets.</param>
/// <param name="Workers">Each worker's data, by index.</param>
/// <param name="NoisyWorkers">Indices of the workers with shuffled labels.</param>
/// <param name="Task">The task of a --task simulation (its held-out sets are <paramref name="Server"/>), or null for MNIST.</param>
public sealed record SimulationData(ServerEvaluation Server, IReadOnlyList<LocalData> Workers, IReadOnlyList<int> NoisyWorkers, AggregatorTask? Task = null)
{
    /// <summary>Share of each worker's partition kept as its local test split.</summary>
    public const double LocalTestFraction = 0.1;

    /// <summary>Loads the dataset and splits it for the settings.</summary>
    public static SimulationData Build(SimulationSettings settings, string repository)
    {
        var (train, test) = Load(settings.Dataset, repository);
        if (train.Count < MnistHoldout.ValidationSamples + settings.Workers * 10)
        {
            throw new CliException($"{train.Source} has {train.Count} samples: too few for {settings.Workers} workers and a {MnistHoldout.ValidationSamples}-sample validation set", 2);
        }

        // The aggregator's validation set is the tail of the training data: no worker ever holds it.
        var validation = MnistHoldout.Validation(train);
        var pool = MnistHoldout.WorkerPool(train);
        var partitions = WorkerDataLoader.Partition(pool, settings.Partition, settings.Workers, unchecked((ulong)settings.Seed));

        var noisy = Enumerable.Range(settings.Workers - settings.NoisyWorkers, settings.NoisyWorkers).ToArray();
        var workers = new List<LocalData>(settings.Workers);
        for (var i = 0; i < settings.Workers; i++)
        {
            var partition = noisy.Contains(i) ? WorkerDataLoader.ShuffleLabels(partitions[i], unchecked((ulong)settings.Seed) + (ulong)i) : partitions[i];
            var testCount = Math.Max(1, (int)(partition.Count * LocalTestFraction));
            var rows = Enumerable.Range(0, partition.Count).ToArray();
            workers.Add(new LocalData(
                partition.Subset(rows.AsSpan(testCount), $"{pool.Source} partition {i + 1}"),
                partition.Subset(rows.AsSpan(0, testCount), $"{pool.Source} partition {i + 1} (local test)")));
        }

        return new SimulationData(new ServerEvaluation(validation, test), workers, noisy);
    }

    /// <summary>
    /// A task simulation: each site's data read against the task (one worker per site), the federated
    /// standardisation computed as the hosts' exchange would (each site's counts, sums and squared deviations,
    /// merged by participant), and the aggregator's held-out sets prepared with the same standardisation.
    /// </summary>
    public static SimulationData BuildTask(SimulationSettings settings)
    {
        try
        {
            var task = TaskFile.Load(settings.TaskFile!);
            var sites = settings.Sites.Select(site => TaskSiteData.Load(task, site, LocalTestFraction, unchecked((ulong)settings.Seed))).ToArray();
            FeatureStatistics? merged = null;
            if (task.Definition.Input is { Format: "tabular", Standardisation.Mode: "federated" })
            {
                var merge = StatisticsMerge.Merge(sites.Select((site, i) => KeyValuePair.Create(WorkerKeys.IdOf(i), site.Statistics())), task.Definition.Input.FeatureColumns!.Count);
                merged = merge.Merged ?? throw new CliException($"{task.Source}: no site's statistics are usable for the federated standardisation: {string.Join("; ", merge.Rejected.Select(r => $"{r.Key}: {r.Value}"))}", 2);
            }

            var aggregator = AggregatorTask.Load(settings.TaskFile!, merged);
            var workers = sites.Select(site =>
            {
                var (train, test) = site.Prepare(aggregator.Standardisation);
                return new LocalData(train, test, task);
            }).ToArray();
            return new SimulationData(aggregator.ForRun(null).Evaluation, workers, [], aggregator);
        }
        catch (Exception e) when (e is TaskDefinitionException or DataFormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new CliException(e.Message, 2);
        }
    }

    private static (Dataset Train, Dataset Test) Load(string dataset, string repository)
    {
        if (dataset == "mnist")
        {
            var directory = Path.Combine(repository, Mnist.RelativeDirectory);
            return (Mnist.LoadTrain(directory), Mnist.LoadTest(directory));
        }

        throw new CliException($"--dataset '{dataset}' is not supported: use mnist", 2);
    }
}
