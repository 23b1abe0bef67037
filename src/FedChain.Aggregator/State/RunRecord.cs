namespace FedChain.Aggregator.State;

/// <summary>A run as the aggregator persists it.</summary>
/// <param name="RunId">The on-chain run id (0x-prefixed bytes32 hex).</param>
/// <param name="SpecJson">The run's configuration; its hash is the on-chain spec hash.</param>
/// <param name="CurrentModelHash">Hash of the latest global model (the next round's base).</param>
/// <param name="LastCommittedRound">Highest round recorded on-chain (0 before the first).</param>
/// <param name="Status">Where the run stands.</param>
/// <param name="Reason">Why it failed or stopped, when it did.</param>
public sealed record RunRecord(string RunId, string SpecJson, string CurrentModelHash, int LastCommittedRound, RunStatus Status, string? Reason);
