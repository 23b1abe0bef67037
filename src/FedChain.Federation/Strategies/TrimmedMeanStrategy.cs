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
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"trimmed mean needs a trimming fraction beta in [0, 0.5) (trimming half or more at each end leaves nothing), got {beta}");
        }

        Beta = beta;
    }

    /// <summary>Fraction trimmed at each end.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public override string Name => "trimmed-mean";

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        Array.Fill(round.Weights, 1.0 / round.Updates.Count);
        round.Metrics["trimmed_per_end"] = Aggregates.TrimCount(round.Updates.Count, Beta);
        return Aggregates.TrimmedMean(round.Updates, Beta);
    }
}
