namespace FedChain.Learning.Metrics;

/// <summary>Per-class counts of an evaluation.</summary>
/// <param name="Label">The class.</param>
/// <param name="Support">Samples whose true label is this class.</param>
/// <param name="Correct">Of those, how many were predicted as this class.</param>
/// <param name="Predicted">Samples predicted as this class.</param>
public sealed record ClassCounts(int Label, int Support, int Correct, int Predicted);
