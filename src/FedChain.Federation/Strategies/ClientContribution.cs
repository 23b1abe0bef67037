namespace FedChain.Federation.Strategies;

/// <summary>
/// How one result entered the aggregate: the input contribution scoring (issue 8) and reward
/// policies start from.
/// </summary>
/// <param name="ClientId">The client.</param>
/// <param name="NumSamples">Samples it claimed.</param>
/// <param name="Weight">Its share of the aggregate (weights of a round sum to 1; 0 when a robust rule discarded it).</param>
/// <param name="UpdateNorm">L2 norm of its update before clipping.</param>
/// <param name="ClipScale">Factor its update was scaled by when clipped (1 when not clipped).</param>
/// <param name="Note">Why a robust rule filtered or down-weighted it (null when it entered as is).</param>
public sealed record ClientContribution(string ClientId, long NumSamples, double Weight, double UpdateNorm, double ClipScale, string? Note = null);
