namespace FedChain.Federation.Privacy;

/// <summary>Central DP for FedAvg (McMahan et al. 2018, DP-FedAvg with fixed clipping).</summary>
/// <param name="ClipNorm">Each update is clipped to this L2 norm C.</param>
/// <param name="NoiseMultiplier">z: Gaussian noise of std z * C is added to the sum of clipped updates.</param>
/// <param name="Delta">The delta epsilon is reported for.</param>
/// <param name="NoiseSeed">Seed of the noise; round r uses stream r.</param>
public sealed record DpOptions(double ClipNorm, double NoiseMultiplier, double Delta = 1e-5, ulong NoiseSeed = 0)
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DifferentialPrivacy";

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        if (!(ClipNorm > 0) || !double.IsFinite(ClipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "DP clip norm must be positive and finite");
        }

        if (!(NoiseMultiplier > 0) || !double.IsFinite(NoiseMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseMultiplier), NoiseMultiplier, "DP noise multiplier must be positive and finite");
        }

        if (!(Delta > 0 && Delta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Delta), Delta, "DP delta must be in (0, 1)");
        }
    }
}
