namespace FedChain.Federation.Privacy;

/// <summary>
/// How large an honest site's clipped and noised update can be: a norm bound an aggregator derives from a run's DP terms,
/// so the updates of a DP run are not refused as too large merely for carrying the noise the run asked for.
/// </summary>
public static class NoisedUpdateNorm
{
    /// <summary>
    /// Standard deviations of the noise's norm above its mean that the bound allows: the norm of d-dimensional N(0, s²I) noise
    /// exceeds s(√d + t) with probability at most exp(−t²/2) (Gaussian concentration of a 1-Lipschitz function), 1.3e-14 at t = 8.
    /// </summary>
    public const double TailMargin = 8;

    /// <summary>
    /// The largest norm of an update clipped to <paramref name="clipNorm"/> plus N(0, (<paramref name="noiseMultiplier"/> ×
    /// clip)²) noise in each of <paramref name="dimension"/> coordinates, but for a probability below 1e-13.
    /// </summary>
    public static double Bound(double clipNorm, double noiseMultiplier, int dimension)
    {
        if (!(clipNorm > 0) || !double.IsFinite(clipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, "the clip norm must be positive and finite");
        }

        if (!(noiseMultiplier >= 0) || !double.IsFinite(noiseMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseMultiplier), noiseMultiplier, "the noise multiplier must be finite and non-negative");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        return clipNorm * (1 + (noiseMultiplier * (Math.Sqrt(dimension) + TailMargin)));
    }
}
