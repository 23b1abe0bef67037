namespace FedChain.Aggregator.State;

/// <summary>A round as the aggregator persists it.</summary>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Round">1-based round number.</param>
/// <param name="BaseModelHash">The global model the workers train from.</param>
/// <param name="SelectedWorkers">Ids of the workers sampled for the round.</param>
/// <param name="Deadline">When collection stops, whatever has arrived.</param>
/// <param name="Status">Where the round stands.</param>
/// <param name="NewModelHash">The aggregated model's hash, once computed.</param>
/// <param name="TransactionHash">The commit transaction, once sent.</param>
/// <param name="ResultJson">Metrics, scores and rewards of the round, once computed.</param>
public sealed record RoundRecord(
    string RunId,
    int Round,
    string BaseModelHash,
    IReadOnlyList<string> SelectedWorkers,
    DateTimeOffset Deadline,
    RoundStatus Status,
    string? NewModelHash,
    string? TransactionHash,
    string? ResultJson);
