using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>
/// What a worker signs for one update: EIP-712
/// UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples).
/// </summary>
/// <param name="RunId">Run.</param>
/// <param name="Round">Round the update is for.</param>
/// <param name="BaseModelHash">Global model the update was trained from.</param>
/// <param name="UpdateHash">SHA-256 of the encoded update.</param>
/// <param name="NumSamples">Samples trained on.</param>
public sealed record UpdateCommitment(Bytes32 RunId, ulong Round, Bytes32 BaseModelHash, Bytes32 UpdateHash, ulong NumSamples);
