namespace FedChain.Federation.Aggregation;

/// <summary>The scale that brings an update within an L2 bound: min(1, bound / norm).</summary>
public static class NormClipping
{
    /// <summary>min(1, bound / norm); 1 for a zero update.</summary>
    public static double ClipFactor(double norm, double bound)
    {
        if (!(bound > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "clip bound must be positive");
        }

        if (!double.IsFinite(norm) || norm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(norm), norm, "norm must be finite and non-negative");
        }

        return norm <= bound ? 1.0 : bound / norm;
    }
}
