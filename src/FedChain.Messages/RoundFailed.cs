namespace FedChain.Messages;

/// <summary>Event: a round closed without a commit (e.g. no quorum at the deadline).</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The failed round.</param>
/// <param name="Reason">Why, naming the numbers (e.g. "2 of 3 required updates at the deadline").</param>
/// <param name="AcceptedCount">Updates accepted before it failed.</param>
public sealed record RoundFailed(string RunId, int Round, string Reason, int AcceptedCount) : IRunMessage;
