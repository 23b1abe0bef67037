namespace FedChain.Federation.Rounds;

/// <summary>A decision on a round at a given time.</summary>
/// <param name="Verdict">Wait, aggregate or fail.</param>
/// <param name="WakeAt">When waiting: the time at which to ask again even if nothing arrives (the deadline).</param>
/// <param name="Results">Results received so far.</param>
/// <param name="Failures">Failures received so far.</param>
/// <param name="Quorum">The results required.</param>
/// <param name="Message">Why, in words.</param>
public sealed record RoundDecision(RoundVerdict Verdict, DateTimeOffset? WakeAt, int Results, int Failures, int Quorum, string Message);
