using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>
/// What a worker signs for one update: EIP-712
/// UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples,uint32 epsilonMicros).
/// </summary>
/// <param name="RunId">Run.</param>
/// <param name="Round">Round the update is for.</param>
/// <param name="BaseModelHash">Global model the update was trained from.</param>
/// <param name="UpdateHash">SHA-256 of the encoded update.</param>
/// <param name="NumSamples">Samples trained on.</param>
/// <param name="EpsilonMicros">Differential-privacy epsilon the site spent on this update, in millionths (0: no DP); signed, so no coordinator can misstate it.</param>
public sealed record UpdateCommitment(Bytes32 RunId, ulong Round, Bytes32 BaseModelHash, Bytes32 UpdateHash, ulong NumSamples, uint EpsilonMicros);
