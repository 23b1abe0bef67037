namespace FedChain.Tasks;

/// <summary>Per-channel image normalisation (x - mean) / std of pixels in [0, 1], as torchvision's Normalize.</summary>
public sealed record NormalisationDefinition
{
    /// <summary>Mean per channel.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Standard deviation per channel (positive).</summary>
    public required IReadOnlyList<double> Std { get; init; }
}
