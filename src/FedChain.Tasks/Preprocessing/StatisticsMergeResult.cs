namespace FedChain.Tasks.Preprocessing;

/// <summary>The outcome of <see cref="StatisticsMerge.Merge"/>.</summary>
/// <param name="Merged">The merged statistics of the included sites; null when none was usable.</param>
/// <param name="Included">The participants merged, in merge order.</param>
/// <param name="Rejected">The participants left out, each with the one-line reason.</param>
public sealed record StatisticsMergeResult(
    FeatureStatistics? Merged,
    IReadOnlyList<string> Included,
    IReadOnlyList<KeyValuePair<string, string>> Rejected);
