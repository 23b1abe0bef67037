namespace FedChain.Federation.Contribution;

/// <summary>One contributor's score for a round, as computed (it may be negative; payment clamps it).</summary>
/// <param name="ClientId">The contributor.</param>
/// <param name="Score">The score.</param>
public sealed record ContributionScore(string ClientId, double Score);
