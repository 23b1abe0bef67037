namespace FedChain.Messages;

/// <summary>A model's quality on an evaluation set.</summary>
/// <param name="Accuracy">Accuracy, 0..1.</param>
/// <param name="Loss">Mean loss.</param>
/// <param name="SampleCount">Samples evaluated.</param>
public sealed record EvaluationMetrics(double Accuracy, double Loss, long SampleCount);
