namespace FedChain.Messages;

/// <summary>Event: a round opened; the selected workers train the global model with the plan until the deadline.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round that opened (1-based).</param>
/// <param name="ModelName">The model architecture.</param>
/// <param name="LayoutHash">The parameter layout's SHA-256, "0x" + 64 hex digits; workers check their model matches.</param>
/// <param name="GlobalModel">The encoded global model parameters (raw bytes on the wire; chunked when large).</param>
/// <param name="GlobalModelHash">SHA-256 of <paramref name="GlobalModel"/>, "0x" + 64 hex digits: the round's base model hash.</param>
/// <param name="Plan">How to train locally.</param>
/// <param name="Deadline">When the round stops accepting updates.</param>
/// <param name="SelectedWorkers">Ids of the workers asked to train this round.</param>
public sealed record RoundStarted(
    string RunId,
    int Round,
    string ModelName,
    string LayoutHash,
    byte[] GlobalModel,
    string GlobalModelHash,
    TrainingPlan Plan,
    DateTimeOffset Deadline,
    IReadOnlyList<string> SelectedWorkers) : IRunMessage
{
    /// <summary>The run's training engine, "torch" or "native"; workers train and evaluate on it.</summary>
    public string Engine { get; init; } = "torch";

    /// <summary>The run's spec (canonical JSON whose SHA-256 is the on-chain spec hash): what a site consents to.</summary>
    public string? Spec { get; init; }

    /// <summary>The run's task hash ("0x" + 64 hex), or null for an MNIST run; a worker holding another task refuses the round.</summary>
    public string? TaskHash { get; init; }

    /// <summary>A TorchScript task's model file as the aggregator holds it; workers check it against the task's SHA-256 before loading it.</summary>
    public byte[]? ModelFile { get; init; }
}
