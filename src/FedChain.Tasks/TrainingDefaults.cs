namespace FedChain.Tasks;

/// <summary>The task's default local training per round; a run may override them.</summary>
public sealed record TrainingDefaults
{
    /// <summary>Local epochs per round.</summary>
    public required int Epochs { get; init; }

    /// <summary>Mini-batch size.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>"sgd" or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";
}
