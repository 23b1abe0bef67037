namespace FedChain.Messages;

/// <summary>Event: every round of the run was committed.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The last committed round.</param>
/// <param name="FinalModelHash">The final global model's hash.</param>
/// <param name="FinalMetrics">Server-side evaluation of the final model.</param>
public sealed record RunFinished(string RunId, int Round, string FinalModelHash, EvaluationMetrics FinalMetrics) : IRunMessage;
