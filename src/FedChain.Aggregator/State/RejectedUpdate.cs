namespace FedChain.Aggregator.State;

/// <summary>An update the aggregator refused, as the console lists it.</summary>
/// <param name="RunId">The run the sender named.</param>
/// <param name="Round">The round the sender named.</param>
/// <param name="WorkerId">The sending worker.</param>
/// <param name="UpdateHash">The hash the sender claimed.</param>
/// <param name="Reason">The rejection reason (a <c>RejectionReason</c> name).</param>
/// <param name="Message">The one-line explanation published with it.</param>
/// <param name="At">When it was refused.</param>
public sealed record RejectedUpdate(string RunId, int Round, string WorkerId, string UpdateHash, string Reason, string Message, DateTimeOffset At);
