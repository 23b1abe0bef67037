namespace FedChain.Federation.Contribution;

/// <summary>The free-rider screen's word on one update: <paramref name="Reason"/> is null when it is kept for scoring.</summary>
/// <param name="ContributorId">The contributor.</param>
/// <param name="Reason">Why it earns nothing (zero update, echo of the global model, copy, replay), or null.</param>
/// <param name="Source">The contributor it copied or replayed, when known.</param>
public sealed record ScreenVerdict(string ContributorId, string? Reason, string? Source = null)
{
    /// <summary>True when the update is excluded from the contribution game and earns nothing.</summary>
    public bool Excluded => Reason is not null;
}
