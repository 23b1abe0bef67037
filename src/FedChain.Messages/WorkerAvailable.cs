namespace FedChain.Messages;

/// <summary>A worker's heartbeat: it is up, what it can train and on how much data.</summary>
/// <param name="RunId">The run the worker is serving, or <see cref="RunIds.None"/> when idle.</param>
/// <param name="Round">The last round the worker saw (0 if none).</param>
/// <param name="WorkerId">The worker's stable id.</param>
/// <param name="Address">The worker's Ethereum address ("0x" + 40 hex digits), the key it signs updates with.</param>
/// <param name="Models">Model names the worker can train (e.g. "mlp", "cnn").</param>
/// <param name="SampleCount">Training samples the worker holds.</param>
/// <param name="SentAt">When the heartbeat was sent (the worker's clock).</param>
/// <param name="Signature">
/// The worker's 65-byte EIP-712 signature of WorkerAvailable(keccak256(workerId), keccak256(models joined by newlines),
/// sampleCount, sentAt in Unix milliseconds) under the ledger's domain: the aggregator selects only sites that hold the
/// key they name.
/// </param>
public sealed record WorkerAvailable(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    IReadOnlyList<string> Models,
    long SampleCount,
    DateTimeOffset SentAt,
    byte[] Signature) : IRunMessage;
