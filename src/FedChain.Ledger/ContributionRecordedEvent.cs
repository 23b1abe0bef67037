using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>The ContributionRecorded event.</summary>
/// <param name="RunId">Run.</param>
/// <param name="Round">Round.</param>
/// <param name="Contributor">Contributor.</param>
/// <param name="UpdateHash">Signed update hash.</param>
/// <param name="NumSamples">Samples.</param>
/// <param name="ScorePpm">Score, parts per million.</param>
/// <param name="Reward">Reward minted.</param>
/// <param name="BlockNumber">Block of the log.</param>
/// <param name="TransactionHash">Transaction of the log.</param>
/// <param name="EpsilonMicros">Epsilon the contributor spent on the round, in millionths (0: no DP).</param>
public sealed record ContributionRecordedEvent(Bytes32 RunId, ulong Round, Address Contributor, Bytes32 UpdateHash, ulong NumSamples, uint ScorePpm, BigInteger Reward, BigInteger BlockNumber, string TransactionHash, uint EpsilonMicros = 0);
