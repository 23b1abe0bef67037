namespace FedChain.Messages;

/// <summary>Event: a worker evaluated a committed global model on its local test split.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round whose new model was evaluated.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="ModelHash">The evaluated model's hash.</param>
/// <param name="Metrics">Local test metrics.</param>
public sealed record WorkerEvaluated(string RunId, int Round, string WorkerId, string ModelHash, EvaluationMetrics Metrics) : IRunMessage;
