namespace FedChain.Federation.Contribution;

/// <summary>
/// Builds the model a coalition of contributors would have produced this round. The empty coalition is
/// the base model by definition and is never passed here.
/// </summary>
public interface ICoalitionAggregator
{
    /// <summary>Stable name that goes into the round's score record (e.g. "fedavg").</summary>
    string Name { get; }

    /// <summary>
    /// Writes the coalition's model into <paramref name="destination"/>; <paramref name="members"/> are indices
    /// into <see cref="ContributionRound.Updates"/>, ascending and non-empty.
    /// </summary>
    void Aggregate(ContributionRound round, ReadOnlySpan<int> members, Span<float> destination);
}
