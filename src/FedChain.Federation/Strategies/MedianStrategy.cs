using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>Coordinate-wise median of the updates (Yin et al. 2018); unweighted, needs all updates.</summary>
public sealed class MedianStrategy(StrategyOptions options) : BufferedStrategy(options)
{
    /// <inheritdoc />
    public override string Name => "median";

    /// <inheritdoc />
    protected override float[] Combine(IReadOnlyList<float[]> updates, IReadOnlyList<ClientResult> results, double[] weights, IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Array.Fill(weights, 1.0 / updates.Count);
        return Aggregates.CoordinateMedian(updates);
    }
}
