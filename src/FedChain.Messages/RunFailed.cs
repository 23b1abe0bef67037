namespace FedChain.Messages;

/// <summary>Event: the run stopped before its last round (error or abort).</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round in progress when it stopped.</param>
/// <param name="State">Failed or Aborted.</param>
/// <param name="Reason">Why.</param>
public sealed record RunFailed(string RunId, int Round, RunState State, string Reason) : IRunMessage;
