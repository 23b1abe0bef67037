using System.Numerics;

namespace FedChain.Federation.Rewards;

/// <summary>
/// A round's rewards: the pool available (already bounded by the on-chain cap), what is minted (the pool, or
/// 0 when nobody is eligible) and each contributor's share, in canonical contributor order.
/// </summary>
public sealed record RewardAllocation(long Round, BigInteger Pool, BigInteger Minted, IReadOnlyList<ContributorReward> Rewards);
