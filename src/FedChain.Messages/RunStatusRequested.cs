namespace FedChain.Messages;

/// <summary>Request to the aggregator for a run's <see cref="RunStatus"/> (request/response; round 0).</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">Always 0.</param>
public sealed record RunStatusRequested(string RunId, int Round) : IRunMessage;
