namespace FedChain.Federation.Strategies;

/// <summary>A client's accepted result (the update values travel beside it as a span).</summary>
/// <param name="ClientId">The client.</param>
/// <param name="NumSamples">Local samples n_k.</param>
/// <param name="UpdateNorm">The update's L2 norm if already known (the validator computes it), so clipping need not recompute it.</param>
public sealed record ClientResult(string ClientId, long NumSamples, double? UpdateNorm = null);
