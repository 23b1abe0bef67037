namespace FedChain.Tasks;

/// <summary>
/// The aggregator's own data in the task's schema (files or image folders, relative to the task file):
/// validation scores contributions and checks targets, test reports accuracy. No worker receives them.
/// </summary>
public sealed record HeldOutSets
{
    /// <summary>The validation set.</summary>
    public required string Validation { get; init; }

    /// <summary>The test set.</summary>
    public required string Test { get; init; }
}
