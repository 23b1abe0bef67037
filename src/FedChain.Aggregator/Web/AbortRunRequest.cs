namespace FedChain.Aggregator.Web;

/// <summary>The body of POST /api/operator/runs/{runId}/abort.</summary>
/// <param name="Reason">Why the operator stops the run (recorded with it).</param>
public sealed record AbortRunRequest(string? Reason);
