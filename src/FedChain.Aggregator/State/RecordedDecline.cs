namespace FedChain.Aggregator.State;

/// <summary>A selected site's verified decline of a round, kept so a restarted aggregator does not wait for it again.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round declined.</param>
/// <param name="WorkerId">The site's worker id.</param>
/// <param name="Address">The address that signed the decline (lower-case 0x hex).</param>
/// <param name="Reason">The site's reason, as signed.</param>
/// <param name="At">When the aggregator took it (its clock).</param>
public sealed record RecordedDecline(string RunId, int Round, string WorkerId, string Address, string Reason, DateTimeOffset At);
