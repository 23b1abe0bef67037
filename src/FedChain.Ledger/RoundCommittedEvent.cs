using System.Numerics;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>The RoundCommitted event.</summary>
/// <param name="RunId">Run.</param>
/// <param name="Round">Round.</param>
/// <param name="NewModelHash">Model produced.</param>
/// <param name="BaseModelHash">Model started from.</param>
/// <param name="MetricsHash">Metrics hash.</param>
/// <param name="ContributorCount">Contributions.</param>
/// <param name="TotalReward">Rewards minted.</param>
/// <param name="BlockNumber">Block of the log.</param>
/// <param name="TransactionHash">Transaction of the log.</param>
public sealed record RoundCommittedEvent(Bytes32 RunId, ulong Round, Bytes32 NewModelHash, Bytes32 BaseModelHash, Bytes32 MetricsHash, uint ContributorCount, BigInteger TotalReward, BigInteger BlockNumber, string TransactionHash);
