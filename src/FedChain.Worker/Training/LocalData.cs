using FedChain.Learning.Data;
using FedChain.Tasks;

namespace FedChain.Worker.Training;

/// <summary>A worker's private data: what it trains on and the local split it evaluates global models on.</summary>
/// <param name="Train">The training split.</param>
/// <param name="Test">The local test split.</param>
/// <param name="Task">The task the data was read for (Worker:Data:Format "task"), or null for MNIST or a plain CSV.</param>
public sealed record LocalData(Dataset Train, Dataset Test, TaskFile? Task = null)
{
    /// <summary>
    /// True for a task whose standardisation is federated: <see cref="Train"/> and <see cref="Test"/> hold raw features, which
    /// the site reports statistics of and scales with each run's standardisation (from its spec) before training or evaluating.
    /// </summary>
    public bool RunStandardised { get; init; }
}
