using FedChain.Federation.Strategies;

namespace FedChain.Federation.Contribution;

/// <summary>What a contribution policy sees for one aggregated round.</summary>
/// <param name="Round">The round.</param>
/// <param name="Contributions">How each accepted result entered the aggregate.</param>
public sealed record ContributionInput(long Round, IReadOnlyList<ClientContribution> Contributions);
