namespace FedChain.Aggregator.State;

/// <summary>What a round's commit transaction cost and when its receipt came in.</summary>
/// <param name="Round">The committed round.</param>
/// <param name="GasUsed">Gas the commitRound transaction used.</param>
/// <param name="CommittedAt">When the aggregator saw the receipt.</param>
public sealed record CommitRecord(int Round, long GasUsed, DateTimeOffset CommittedAt);
