namespace FedChain.Learning.Metrics;

/// <summary>How a model did on a dataset.</summary>
/// <param name="Loss">Mean loss (cross-entropy).</param>
/// <param name="Accuracy">Fraction of samples whose most probable class is the label.</param>
/// <param name="Samples">Samples evaluated.</param>
/// <param name="Correct">Correctly classified samples.</param>
/// <param name="PerClass">Counts for each class.</param>
/// <param name="RocAuc">Area under the ROC curve of class 1's probability for binary tasks; null otherwise or when only one class is present.</param>
public sealed record EvaluationResult(double Loss, double Accuracy, int Samples, int Correct, IReadOnlyList<ClassCounts> PerClass, double? RocAuc);
