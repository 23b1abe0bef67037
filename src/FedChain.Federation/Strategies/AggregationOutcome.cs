namespace FedChain.Federation.Strategies;

/// <summary>The result of closing a round's aggregation.</summary>
/// <param name="Round">The round.</param>
/// <param name="Succeeded">False when the strategy could not aggregate (too few results for it).</param>
/// <param name="Model">The new global model when succeeded.</param>
/// <param name="Contributions">One entry per result, in arrival order.</param>
/// <param name="Failures">The failures passed in.</param>
/// <param name="Metrics">Named figures: results, failures, total_samples, update_norm, and strategy-specific ones (epsilon...).</param>
/// <param name="Message">Summary or failure reason.</param>
public sealed record AggregationOutcome(
    long Round,
    bool Succeeded,
    float[]? Model,
    IReadOnlyList<ClientContribution> Contributions,
    IReadOnlyList<ClientFailure> Failures,
    IReadOnlyDictionary<string, double> Metrics,
    string Message);
