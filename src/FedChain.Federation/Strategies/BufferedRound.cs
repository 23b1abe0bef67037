namespace FedChain.Federation.Strategies;

/// <summary>What a buffered strategy combines: the round's (clipped) updates, and where it writes each one's share and why.</summary>
/// <param name="Round">The round.</param>
/// <param name="GlobalModel">The round's base model (read only).</param>
/// <param name="Updates">The updates, in the order they were added.</param>
/// <param name="Results">The result beside each update.</param>
/// <param name="Weights">Receives each update's share of the aggregate.</param>
/// <param name="Notes">Receives, per update, why it was filtered or down-weighted (null: kept as is).</param>
/// <param name="Metrics">Receives strategy-specific figures.</param>
public sealed record BufferedRound(
    long Round,
    float[] GlobalModel,
    IReadOnlyList<float[]> Updates,
    IReadOnlyList<ClientResult> Results,
    double[] Weights,
    string?[] Notes,
    IDictionary<string, double> Metrics);
