using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>Coordinate-wise trimmed mean dropping a fraction beta at each end (Yin et al. 2018); unweighted, needs all updates.</summary>
public sealed class TrimmedMeanStrategy : BufferedStrategy
{
    /// <summary>Creates the strategy; beta in [0, 0.5).</summary>
    public TrimmedMeanStrategy(StrategyOptions options, double beta)
        : base(options)
    {
        if (!(beta >= 0 && beta < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "trimmed-mean beta must be in [0, 0.5)");
        }

        Beta = beta;
    }

    /// <summary>Fraction trimmed at each end.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override string Name => "trimmed-mean";

    /// <inheritdoc />
    protected override float[] Combine(IReadOnlyList<float[]> updates, IReadOnlyList<ClientResult> results, double[] weights, IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(metrics);
        Array.Fill(weights, 1.0 / updates.Count);
        metrics["trimmed_per_end"] = Aggregates.TrimCount(updates.Count, Beta);
        return Aggregates.TrimmedMean(updates, Beta);
    }
}
