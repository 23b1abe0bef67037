using FedChain.Messages;

namespace FedChain.Aggregator.Web;

/// <summary>The body of POST /api/operator/runs.</summary>
/// <param name="Configuration">The run's configuration.</param>
/// <param name="RunId">The run id (0x + 64 hex digits), or null for a random one.</param>
public sealed record StartRunRequest(RunConfiguration? Configuration, string? RunId = null);
