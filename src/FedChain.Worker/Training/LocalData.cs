using FedChain.Learning.Data;

namespace FedChain.Worker.Training;

/// <summary>A worker's private data: what it trains on and the local split it evaluates global models on.</summary>
/// <param name="Train">The training split.</param>
/// <param name="Test">The local test split.</param>
public sealed record LocalData(Dataset Train, Dataset Test);
