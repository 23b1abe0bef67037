using FedChain.Federation.Rounds;

namespace FedChain.Federation.Strategies;

/// <summary>Settings every strategy shares.</summary>
/// <param name="Sampling">Client sampling.</param>
/// <param name="Plan">The plan sent to workers each round.</param>
/// <param name="ClipNorm">When set, each update is scaled down to at most this L2 norm before aggregation.</param>
public sealed record StrategyOptions(ClientSampling Sampling, RoundPlan Plan, double? ClipNorm = null)
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Strategy";

    /// <summary>Defaults: all clients (at least 2), one epoch of batch 10 at lr 0.01, no clipping.</summary>
    public static StrategyOptions Default { get; } = new(new ClientSampling(), new RoundPlan());

    /// <summary>Throws when a field is out of range, naming it.</summary>
    public void Validate()
    {
        Sampling.Validate();
        Plan.Validate();
        if (ClipNorm is { } c && !(c > 0 && double.IsFinite(c)))
        {
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), ClipNorm, "clip norm must be positive and finite");
        }
    }
}
