namespace FedChain.Messages;

/// <summary>Event: a worker trained and submits its signed model update for a round.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round the update was trained for.</param>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="Address">The worker's Ethereum address, which <paramref name="Signature"/> must recover to.</param>
/// <param name="BaseModelHash">The global model hash the update was trained from.</param>
/// <param name="Update">The encoded update (raw bytes on the wire; chunked when large).</param>
/// <param name="UpdateHash">SHA-256 of <paramref name="Update"/>, "0x" + 64 hex digits.</param>
/// <param name="Signature">65-byte EIP-712 signature (r, s, v) of UpdateCommitment(runId, round, baseModelHash, updateHash, numSamples, epsilonMicros).</param>
/// <param name="SampleCount">Samples the update was trained on (the signed numSamples).</param>
/// <param name="Metrics">What the worker measured while training.</param>
public sealed record UpdateSubmitted(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    string BaseModelHash,
    byte[] Update,
    string UpdateHash,
    byte[] Signature,
    long SampleCount,
    LocalTrainingMetrics Metrics) : IRunMessage
{
    /// <summary>The site's 65-byte EIP-712 RunConsent(runId, specHash) signature, for the aggregator to relay when the ledger has no consent yet.</summary>
    public byte[]? ConsentSignature { get; init; }
}
