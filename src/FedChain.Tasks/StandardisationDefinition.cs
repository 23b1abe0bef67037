namespace FedChain.Tasks;

/// <summary>
/// How tabular features are standardised: "federated" (statistics merged from every site's counts, sums
/// and sums of squares before round 1), "fixed" (the task's own mean and std per feature) or "none".
/// </summary>
public sealed record StandardisationDefinition
{
    /// <summary>"federated", "fixed" or "none".</summary>
    public required string Mode { get; init; }

    /// <summary>Fixed mode: the mean of each feature column, in feature order.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>Fixed mode: the standard deviation of each feature column (positive), in feature order.</summary>
    public IReadOnlyList<double>? Std { get; init; }
}
