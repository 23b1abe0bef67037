namespace FedChain.Aggregator.Chain;

/// <summary>Everything commitRound records for a round.</summary>
/// <param name="RunId">The run (32 bytes).</param>
/// <param name="Round">The round.</param>
/// <param name="BaseModelHash">The model the round started from (32 bytes).</param>
/// <param name="NewModelHash">The aggregated model (32 bytes).</param>
/// <param name="MetricsHash">SHA-256 of the round's canonical metrics JSON (32 bytes).</param>
/// <param name="Contributions">Every counted contributor.</param>
public sealed record RoundCommitRequest(byte[] RunId, int Round, byte[] BaseModelHash, byte[] NewModelHash, byte[] MetricsHash, IReadOnlyList<CommittedContribution> Contributions);
