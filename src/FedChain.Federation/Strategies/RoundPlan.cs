namespace FedChain.Federation.Strategies;

/// <summary>What every selected worker is told to do in a round (Flower's FitIns config).</summary>
/// <param name="LearningRate">Client learning rate (eta_l in Reddi et al.).</param>
/// <param name="LocalEpochs">Local epochs E.</param>
/// <param name="BatchSize">Local batch size B.</param>
/// <param name="ProximalMu">FedProx proximal term mu (0 = plain FedAvg training).</param>
/// <param name="ClipNorm">When set, the L2 bound updates are clipped to (DP or robustness).</param>
/// <param name="NoiseMultiplier">When set, the DP noise multiplier z (noise std = z * ClipNorm on the sum).</param>
public sealed record RoundPlan(double LearningRate = 0.01, int LocalEpochs = 1, int BatchSize = 10, double ProximalMu = 0, double? ClipNorm = null, double? NoiseMultiplier = null)
{
    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be positive and finite");
        }

        if (LocalEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LocalEpochs), LocalEpochs, "local epochs must be at least 1");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be at least 1");
        }

        if (!(ProximalMu >= 0) || !double.IsFinite(ProximalMu))
        {
            throw new ArgumentOutOfRangeException(nameof(ProximalMu), ProximalMu, "proximal mu must be non-negative and finite");
        }

        if (ClipNorm is { } c && !(c > 0 && double.IsFinite(c)))
        {
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "clip norm must be positive and finite");
        }

        if (NoiseMultiplier is { } z && !(z > 0 && double.IsFinite(z)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseMultiplier), NoiseMultiplier, "noise multiplier must be positive and finite");
        }
    }
}
