namespace FedChain.Learning;

/// <summary>What a local training run did.</summary>
/// <param name="EpochLosses">Mean training loss of each epoch (sample-weighted over its batches).</param>
/// <param name="Samples">Samples in the local dataset.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record TrainingResult(IReadOnlyList<double> EpochLosses, int Samples, int Steps);
