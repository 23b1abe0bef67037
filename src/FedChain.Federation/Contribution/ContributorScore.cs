namespace FedChain.Federation.Contribution;

/// <summary>
/// A contributor's score for a round: <paramref name="Raw"/> as the policy computed it (may be negative) and
/// <paramref name="Payable"/> = max(Raw, 0), the value rewards are based on.
/// </summary>
public sealed record ContributorScore(string ContributorId, long NumSamples, double Raw, double Payable);
