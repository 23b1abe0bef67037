using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>One contributor's entry in commitRound (the Solidity struct Contribution).</summary>
/// <param name="Contributor">Participant account.</param>
/// <param name="UpdateHash">SHA-256 of the encoded update.</param>
/// <param name="NumSamples">Samples the update was trained on.</param>
/// <param name="ScorePpm">Contribution score, parts per million.</param>
/// <param name="Reward">Token reward (18 decimals).</param>
/// <param name="Signature">The contributor's 65-byte EIP-712 signature of the <see cref="UpdateCommitment"/>.</param>
/// <param name="EpsilonMicros">Differential-privacy epsilon the contributor reports it spent on this round, in millionths (0: no DP).</param>
public sealed record Contribution(Address Contributor, Bytes32 UpdateHash, ulong NumSamples, uint ScorePpm, BigInteger Reward, byte[] Signature, uint EpsilonMicros = 0);
