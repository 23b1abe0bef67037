namespace FedChain.Learning;

/// <summary>What an engine's local training returns: the trained vector and what the run did.</summary>
/// <param name="Parameters">The trained parameter vector, in the model's layout.</param>
/// <param name="Result">Per-epoch losses, samples and steps.</param>
public sealed record TrainingOutcome(float[] Parameters, TrainingResult Result);
