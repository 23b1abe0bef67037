namespace FedChain.Federation.Strategies;

/// <summary>A selected client that produced no usable result, and why (error, rejection, timeout).</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Reason">What went wrong.</param>
public sealed record ClientFailure(string ClientId, string Reason);
