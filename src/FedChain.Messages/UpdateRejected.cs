namespace FedChain.Messages;

/// <summary>Event: the aggregator refused an update; it never counts in the round.</summary>
/// <param name="RunId">The run's bytes32 id (as claimed by the update).</param>
/// <param name="Round">The round (as claimed by the update).</param>
/// <param name="WorkerId">The worker that sent it (as claimed).</param>
/// <param name="UpdateHash">The update's claimed hash.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="Message">Human-readable detail: what was expected and what was found.</param>
public sealed record UpdateRejected(
    string RunId,
    int Round,
    string WorkerId,
    string UpdateHash,
    RejectionReason Reason,
    string Message) : IRunMessage;
