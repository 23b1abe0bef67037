namespace FedChain.Messages;

/// <summary>Response: where a run is.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The current (or last) round; 0 before the first.</param>
/// <param name="State">The run's state (<see cref="RunState.Unknown"/> if the aggregator has no such run).</param>
/// <param name="TotalRounds">Rounds configured.</param>
/// <param name="CommittedRounds">Rounds committed on-chain.</param>
/// <param name="LatestModelHash">The newest global model's hash, null before the first commit.</param>
/// <param name="LatestMetrics">The newest server-side evaluation, null before the first commit.</param>
/// <param name="AvailableWorkers">Ids of workers heard from recently.</param>
/// <param name="Error">Why the run failed, null otherwise.</param>
/// <param name="UpdatedAt">When the state last changed.</param>
public sealed record RunStatus(
    string RunId,
    int Round,
    RunState State,
    int TotalRounds,
    int CommittedRounds,
    string? LatestModelHash,
    EvaluationMetrics? LatestMetrics,
    IReadOnlyList<string> AvailableWorkers,
    string? Error,
    DateTimeOffset UpdatedAt) : IRunMessage;
