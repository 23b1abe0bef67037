using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>A committed round as recorded on chain (roundOf).</summary>
/// <param name="BaseModelHash">Model the round started from.</param>
/// <param name="NewModelHash">Model it produced.</param>
/// <param name="MetricsHash">Hash of the round's metrics document.</param>
/// <param name="ContributorCount">Number of contributions.</param>
/// <param name="TotalReward">Sum of rewards minted.</param>
/// <param name="Timestamp">Block time of the commit (Unix seconds).</param>
public sealed record RoundRecord(Bytes32 BaseModelHash, Bytes32 NewModelHash, Bytes32 MetricsHash, uint ContributorCount, BigInteger TotalReward, ulong Timestamp);
