namespace FedChain.Messages;

/// <summary>Event: the aggregator validated and durably stored an update; it counts in the round.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round.</param>
/// <param name="WorkerId">The worker whose update it is.</param>
/// <param name="UpdateHash">The accepted update's hash.</param>
/// <param name="AcceptedCount">Updates accepted in the round so far, this one included.</param>
public sealed record UpdateAccepted(string RunId, int Round, string WorkerId, string UpdateHash, int AcceptedCount) : IRunMessage;
