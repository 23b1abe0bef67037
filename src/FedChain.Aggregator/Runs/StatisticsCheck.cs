using System.Security.Cryptography;
using FedChain.Aggregator.Chain;
using FedChain.Messages;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// What a site's statistics report must pass before it is merged: asked for, for the run's task, well formed, and signed
/// (EIP-712 FeatureStatistics over exactly these values) by the address it claims. Whether that address is a registered
/// participant is the ledger's word, asked by the exchange afterwards.
/// </summary>
public static class StatisticsCheck
{
    /// <summary>The report's statistics and signer, or the one-line problem (naming the worker) that keeps it out.</summary>
    /// <param name="report">The report as received.</param>
    /// <param name="taskHash">The run's task hash.</param>
    /// <param name="requested">The workers the run asked.</param>
    /// <param name="featureCount">The task's feature count.</param>
    /// <param name="ledger">Recovers the signer under the ledger's EIP-712 domain.</param>
    public static (FeatureStatistics? Statistics, string? Signer, string? Problem) Verify(
        FeatureStatisticsSubmitted report, string taskHash, IReadOnlyCollection<string> requested, int featureCount, IRoundLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(ledger);
        var who = $"worker {report.WorkerId}";
        if (!requested.Contains(report.WorkerId, StringComparer.Ordinal))
        {
            return Refuse($"{who} was not asked for feature statistics in run {report.RunId} (asked: {string.Join(", ", requested)})");
        }

        if (!string.Equals(report.TaskHash, taskHash, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"{who} sent statistics for task {report.TaskHash}, the run's task is {taskHash}");
        }

        FeatureStatistics statistics;
        try
        {
            statistics = new FeatureStatistics(report.Count, Float64Payload.Decode(report.Sum, $"{who}'s sums"),
                Float64Payload.Decode(report.SquaredDeviations, $"{who}'s squared deviations"));
            statistics.Check(featureCount, who);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Refuse(e.Message);
        }

        string signer;
        try
        {
            signer = ledger.RecoverStatisticsSigner(RunIds.Parse(report.RunId), Convert.FromHexString(taskHash.AsSpan(2)), statistics.Hash(), report.Signature);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            return Refuse($"{who}: statistics signature refused: {e.Message}");
        }

        return string.Equals(signer, report.Address, StringComparison.OrdinalIgnoreCase)
            ? (statistics, signer.ToLowerInvariant(), null)
            : Refuse($"{who}: statistics signature recovers to {signer}, not the claimed {report.Address} (not these values, or not its key)");
    }

    private static (FeatureStatistics?, string?, string?) Refuse(string problem) => (null, null, problem);
}
