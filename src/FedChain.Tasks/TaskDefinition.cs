namespace FedChain.Tasks;

/// <summary>
/// What a consortium federates, as the operator's task file states it: the model, the input schema,
/// the loss, the metrics reported, the default local training and the aggregator's held-out sets.
/// A plain record: <see cref="TaskFile"/> parses, validates, canonicalises and hashes it.
/// </summary>
public sealed record TaskDefinition
{
    /// <summary>A name for people (e.g. "breast-cancer-wdbc").</summary>
    public required string Name { get; init; }

    /// <summary>The model to train.</summary>
    public required ModelDefinition Model { get; init; }

    /// <summary>What one sample is and where its label comes from.</summary>
    public required InputSchema Input { get; init; }

    /// <summary>The training loss: "cross_entropy" (two classes: one sigmoid output with binary cross-entropy).</summary>
    public required string Loss { get; init; }

    /// <summary>Metrics reported on the held-out sets: accuracy, balanced_accuracy, roc_auc, f1 (the last two for binary tasks).</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>Local training defaults a run starts from.</summary>
    public required TrainingDefaults Training { get; init; }

    /// <summary>The aggregator's validation and test sets; never given to a worker.</summary>
    public required HeldOutSets HeldOut { get; init; }
}
