using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>Coordinate-wise median of the updates (Yin et al. 2018); unweighted, needs all updates.</summary>
public sealed class MedianStrategy(StrategyOptions options) : BufferedStrategy(options)
{
    /// <inheritdoc />
    public override string Name => "median";

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        Array.Fill(round.Weights, 1.0 / round.Updates.Count);
        return Aggregates.CoordinateMedian(round.Updates);
    }
}
