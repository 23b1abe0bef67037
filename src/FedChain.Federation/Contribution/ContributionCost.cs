namespace FedChain.Federation.Contribution;

/// <summary>
/// What scoring a round cost: utility evaluations actually run, coalition look-ups answered from the cache,
/// coalition models built, wall time in total and inside the evaluator.
/// </summary>
public sealed record ContributionCost(
    int UtilityEvaluations,
    int CacheHits,
    int CoalitionModelsBuilt,
    TimeSpan Elapsed,
    TimeSpan EvaluationTime);
