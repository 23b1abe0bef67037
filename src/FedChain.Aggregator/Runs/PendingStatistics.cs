using FedChain.Messages;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Runs;

/// <summary>A run waiting for its sites' feature statistics before it is created on the ledger.</summary>
internal sealed class PendingStatistics(StartRun command, DateTimeOffset since)
{
    /// <summary>The operator's command, carried out once the standardisation is fixed.</summary>
    public StartRun Command { get; } = command;

    /// <summary>When the exchange began waiting (for enough workers to ask).</summary>
    public DateTimeOffset Since { get; } = since;

    /// <summary>The workers asked, in the order asked; null until enough were available.</summary>
    public List<string>? Requested { get; set; }

    /// <summary>When the standardisation is fixed from the reports at hand.</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>Verified reports by worker id: signer address, statistics and their hash.</summary>
    public Dictionary<string, (string Address, FeatureStatistics Statistics, string Hash)> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>Workers whose report was left out, with the reason.</summary>
    public Dictionary<string, string> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>The standardisation fixed, once merged (kept until the run is created, so a failed ledger call is retried).</summary>
    public Standardisation? Fixed { get; set; }
}
