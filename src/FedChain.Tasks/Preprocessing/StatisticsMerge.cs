namespace FedChain.Tasks.Preprocessing;

/// <summary>
/// The aggregator's side of federated standardisation: takes every site's reported
/// <see cref="FeatureStatistics"/>, leaves out (with the reason) any that cannot be used, so no single
/// site can stop the others, and merges the rest ordered by participant (ordinal), so the result does not
/// depend on arrival order.
/// </summary>
public static class StatisticsMerge
{
    /// <summary>
    /// Sites reporting fewer samples than this are left out: a sum over a handful of rows says too much
    /// about each of them, and their weight in the mean is negligible anyway.
    /// </summary>
    public const int MinimumSamples = 10;

    /// <summary>Merges the usable reports; <see cref="StatisticsMergeResult.Rejected"/> names the others and why.</summary>
    /// <param name="reports">Each participant's report (participant id or address, statistics).</param>
    /// <param name="featureCount">The task's feature count.</param>
    public static StatisticsMergeResult Merge(IEnumerable<KeyValuePair<string, FeatureStatistics>> reports, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var ordered = reports.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        var usable = new List<FeatureStatistics>();
        var included = new List<string>();
        var rejected = new List<KeyValuePair<string, string>>();
        foreach (var (participant, statistics) in ordered)
        {
            if (included.Contains(participant, StringComparer.Ordinal) || rejected.Any(r => r.Key == participant))
            {
                rejected.Add(new(participant, "reported twice; only its first report counts"));
                continue;
            }

            try
            {
                ArgumentNullException.ThrowIfNull(statistics, participant);
                statistics.Check(featureCount, participant);
                if (statistics.Count < MinimumSamples)
                {
                    throw new ArgumentException($"{participant}: feature statistics over {statistics.Count} samples, expected at least {MinimumSamples}");
                }
            }
            catch (ArgumentException e)
            {
                rejected.Add(new(participant, e.Message));
                continue;
            }

            usable.Add(statistics);
            included.Add(participant);
        }

        return new StatisticsMergeResult(usable.Count == 0 ? null : FeatureStatistics.Merge(usable), included, rejected);
    }
}
