using System.Globalization;
using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Centered clipping (Karimireddy, He and Jaggi 2021): L iterations of clipping each update's distance
/// to the running center at radius tau, starting from the previous round's aggregate update (the
/// server-side momentum of the paper; zero in the first round). Assumes honest updates lie within tau of
/// one another's mean; a Byzantine update moves the aggregate by at most tau / n per iteration. Unweighted.
/// The center lives in memory: after a restart it starts from zero again.
/// </summary>
public sealed class CenteredClippingStrategy : BufferedStrategy
{
    private float[]? _center;

    /// <summary>Creates the strategy; refuses tau &lt;= 0 or L &lt; 1.</summary>
    public CenteredClippingStrategy(StrategyOptions options, double tau, int iterations = 1)
        : base(options)
    {
        RobustAggregates.RequireCenteredClippingValid(tau, iterations);
        Tau = tau;
        Iterations = iterations;
    }

    /// <summary>The clipping radius tau.</summary>
    public double Tau { get; }

    /// <summary>The clipping iterations L.</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public override string Name => "centered-clipping";

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var length = round.GlobalModel.Length;
        var center = _center is { } c && c.Length == length ? c : new float[length];
        var (aggregate, factors) = RobustAggregates.CenteredClipping(round.Updates, center, Tau, Iterations);
        var total = factors.Sum();
        var clipped = 0;
        for (var k = 0; k < factors.Length; k++)
        {
            round.Weights[k] = total > 0 ? factors[k] / total : 0;
            if (factors[k] < 1)
            {
                clipped++;
                round.Notes[k] = string.Create(CultureInfo.InvariantCulture,
                    $"centered-clipping: distance to the center clipped to tau = {Tau:G6} (factor {factors[k]:G4})");
            }
        }

        _center = (float[])aggregate.Clone();
        round.Metrics["clipped"] = clipped;
        return aggregate;
    }
}
