using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>A run's parameters and progress (runOf).</summary>
/// <param name="SpecHash">Hash of the model card and configuration.</param>
/// <param name="InitialModelHash">Model round 1 starts from.</param>
/// <param name="MaxRewardPerRound">Cap on one round's total reward.</param>
/// <param name="Creator">Coordinator that created it.</param>
/// <param name="LatestRound">Last committed round (0 before the first).</param>
/// <param name="LatestModelHash">Model of the last committed round (the initial model before the first).</param>
public sealed record RunRecord(Bytes32 SpecHash, Bytes32 InitialModelHash, BigInteger MaxRewardPerRound, Address Creator, ulong LatestRound, Bytes32 LatestModelHash);
