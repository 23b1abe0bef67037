using System.Numerics;

namespace FedChain.Aggregator.Chain;

/// <summary>One contributor's entry in a round commit (the contract's Contribution struct).</summary>
/// <param name="Address">The contributor (0x hex).</param>
/// <param name="UpdateHash">Its update's SHA-256 (32 bytes).</param>
/// <param name="NumSamples">Its signed sample count.</param>
/// <param name="ScorePpm">Its score in parts per million.</param>
/// <param name="Reward">Its reward in token base units.</param>
/// <param name="Signature">Its 65-byte EIP-712 signature.</param>
/// <param name="EpsilonMicros">Epsilon its site reports it spent on the round, in millionths (0: no DP).</param>
public sealed record CommittedContribution(string Address, byte[] UpdateHash, long NumSamples, uint ScorePpm, BigInteger Reward, byte[] Signature, uint EpsilonMicros = 0);
