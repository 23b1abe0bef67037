using System.Numerics;
using FedChain.Federation.Contribution;

namespace FedChain.Federation.Rewards;

/// <summary>
/// Per-round rewards: pool = min(<paramref name="PoolPerRound"/>, what the run's on-chain cap still allows).
/// Scores become ppm (<see cref="ScorePpm"/>); contributors with ppm &gt; 0 and ppm &gt;= <paramref name="MinimumScorePpm"/>
/// are eligible, and the pool is split among them in proportion to their ppm by largest remainder (ties by
/// ordinal id), so the amounts add up exactly to the pool and can be recomputed from the ledger's ppm alone.
/// When nobody is eligible nothing is minted (the pool is not carried over).
/// </summary>
public sealed record RewardPolicy(BigInteger PoolPerRound, uint MinimumScorePpm = 0)
{
    /// <summary>Token base units offered per round (>= 0).</summary>
    public BigInteger PoolPerRound { get; init; } = PoolPerRound.Sign >= 0
        ? PoolPerRound
        : throw new ArgumentOutOfRangeException(nameof(PoolPerRound), PoolPerRound, "the reward pool per round must be >= 0");

    /// <summary>Minimum normalised score (ppm of the round's payable total) to be paid; 0 pays every positive score.</summary>
    public uint MinimumScorePpm { get; init; } = MinimumScorePpm <= ScorePpm.Whole
        ? MinimumScorePpm
        : throw new ArgumentOutOfRangeException(nameof(MinimumScorePpm), MinimumScorePpm, $"the minimum score must be <= {ScorePpm.Whole} ppm");

    /// <summary>
    /// The round's rewards; <paramref name="remainingCap"/> is what the ledger's cap still allows to be minted
    /// (null when the run has no cap).
    /// </summary>
    public RewardAllocation Allocate(ContributionScores scores, BigInteger? remainingCap = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var pool = PoolFor(remainingCap);
        var ppm = ScorePpm.Compute(scores);
        var n = ppm.Length;
        var ids = new string[n];
        for (var k = 0; k < n; k++)
        {
            ids[k] = scores.Scores[k].ContributorId;
        }

        var amounts = AmountsFromPpm(pool, ppm, ids);
        var minted = BigInteger.Zero;
        var rewards = new ContributorReward[n];
        for (var k = 0; k < n; k++)
        {
            var s = scores.Scores[k];
            rewards[k] = new ContributorReward(s.ContributorId, s.Raw, s.Payable, ppm[k], IsEligible(ppm[k]), amounts[k]);
            minted += amounts[k];
        }

        return new RewardAllocation(scores.Round, pool, minted, rewards);
    }

    /// <summary>The round's pool: min(PoolPerRound, <paramref name="remainingCap"/>); null means no cap.</summary>
    public BigInteger PoolFor(BigInteger? remainingCap)
    {
        if (remainingCap is { Sign: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(remainingCap), remainingCap, "the remaining cap must be >= 0");
        }

        return remainingCap is { } cap && cap < PoolPerRound ? cap : PoolPerRound;
    }

    /// <summary>Whether a contributor with this ppm is paid: ppm &gt; 0 and ppm &gt;= MinimumScorePpm.</summary>
    public bool IsEligible(uint scorePpm) => scorePpm > 0 && scorePpm >= MinimumScorePpm;

    /// <summary>
    /// The amounts from the ppm alone (what the ledger records), so anyone can recompute a round's rewards from
    /// the chain: largest-remainder split of <paramref name="pool"/> over eligible contributors by ppm.
    /// </summary>
    public BigInteger[] AmountsFromPpm(BigInteger pool, IReadOnlyList<uint> scorePpm, IReadOnlyList<string> contributorIds)
    {
        ArgumentNullException.ThrowIfNull(scorePpm);
        ArgumentNullException.ThrowIfNull(contributorIds);
        var weights = new BigInteger[scorePpm.Count];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = IsEligible(scorePpm[k]) ? scorePpm[k] : BigInteger.Zero;
        }

        return LargestRemainder.Split(pool, weights, contributorIds);
    }
}
