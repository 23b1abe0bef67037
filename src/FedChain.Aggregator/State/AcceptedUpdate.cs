namespace FedChain.Aggregator.State;

/// <summary>An update that passed validation; its payload sits in the content store under <see cref="UpdateHash"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round.</param>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="Address">The participant address its signature recovers to.</param>
/// <param name="UpdateHash">SHA-256 of the encoded update (0x hex).</param>
/// <param name="NumSamples">Samples the worker trained on.</param>
/// <param name="Signature">The EIP-712 signature of the UpdateCommitment (65 bytes).</param>
/// <param name="MetricsJson">The worker's local training metrics.</param>
public sealed record AcceptedUpdate(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    string UpdateHash,
    long NumSamples,
    byte[] Signature,
    string MetricsJson);
