using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>One contributor's record in a committed round (contributionOf).</summary>
/// <param name="UpdateHash">Signed update hash.</param>
/// <param name="NumSamples">Samples.</param>
/// <param name="ScorePpm">Score, parts per million.</param>
/// <param name="Reward">Reward minted.</param>
/// <param name="EpsilonMicros">Epsilon the contributor spent on the round, in millionths (0: no DP).</param>
public sealed record ContributionRecord(Bytes32 UpdateHash, ulong NumSamples, uint ScorePpm, BigInteger Reward, uint EpsilonMicros = 0);
