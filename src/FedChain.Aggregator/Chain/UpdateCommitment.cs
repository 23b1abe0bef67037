namespace FedChain.Aggregator.Chain;

/// <summary>What a worker signs (EIP-712 UpdateCommitment) and the contract verifies.</summary>
/// <param name="RunId">The run (32 bytes).</param>
/// <param name="Round">The round.</param>
/// <param name="BaseModelHash">The global model the update was trained from (32 bytes).</param>
/// <param name="UpdateHash">SHA-256 of the encoded update (32 bytes).</param>
/// <param name="NumSamples">The samples the worker claims.</param>
public sealed record UpdateCommitment(byte[] RunId, int Round, byte[] BaseModelHash, byte[] UpdateHash, long NumSamples);
