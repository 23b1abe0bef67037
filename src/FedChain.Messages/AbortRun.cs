namespace FedChain.Messages;

/// <summary>Command to the aggregator: stop a run after the current round without committing it.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round the operator saw in progress (0 if unknown).</param>
/// <param name="Reason">Why, for the record.</param>
public sealed record AbortRun(string RunId, int Round, string Reason) : IRunMessage;
