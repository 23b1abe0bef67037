namespace FedChain.Messages;

/// <summary>Event: a round was aggregated, evaluated and recorded on-chain.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The committed round.</param>
/// <param name="BaseModelHash">The round's base model hash (the previous round's new model hash).</param>
/// <param name="NewModelHash">SHA-256 of the new global model, "0x" + 64 hex digits.</param>
/// <param name="Metrics">Server-side evaluation of the new model on the held-out validation set.</param>
/// <param name="TransactionHash">The commitRound transaction hash, "0x" + 64 hex digits.</param>
/// <param name="GasUsed">Gas the transaction used.</param>
/// <param name="Contributions">Every counted contributor with score and reward.</param>
public sealed record RoundCommitted(
    string RunId,
    int Round,
    string BaseModelHash,
    string NewModelHash,
    EvaluationMetrics Metrics,
    string TransactionHash,
    long GasUsed,
    IReadOnlyList<ContributionRecord> Contributions) : IRunMessage;
