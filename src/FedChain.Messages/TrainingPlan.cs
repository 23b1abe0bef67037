namespace FedChain.Messages;

/// <summary>How a selected worker trains in one round.</summary>
/// <param name="LocalEpochs">Epochs over the worker's local training split.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="Seed">The round's seed; a worker mixes in its id so workers differ but runs repeat.</param>
/// <param name="Parameters">Strategy-specific local settings (e.g. FedProx "mu"), invariant-culture strings.</param>
public sealed record TrainingPlan(
    int LocalEpochs,
    int BatchSize,
    double LearningRate,
    long Seed,
    IReadOnlyDictionary<string, string> Parameters);
