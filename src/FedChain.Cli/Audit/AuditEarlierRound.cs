namespace FedChain.Cli.Audit;

/// <summary>
/// The updates of a round before the audited one, in an audit bundle: the free-rider screen compares the audited round's
/// updates with those of up to <see cref="Federation.Contribution.SketchHistory"/>'s rounds before it (a stale replay earns nothing).
/// </summary>
/// <param name="Round">The earlier round.</param>
/// <param name="Updates">Its accepted updates.</param>
public sealed record AuditEarlierRound(int Round, IReadOnlyList<AuditUpdate> Updates);
