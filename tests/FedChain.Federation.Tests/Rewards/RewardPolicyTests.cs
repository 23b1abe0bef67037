using System.Numerics;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Rewards;

public class RewardPolicyTests
{
    private static ContributionScores Scores(params (string Id, double Raw)[] scores) =>
        new(5, "test", "test", "none", scores.Select(s => new ContributorScore(s.Id, 1, s.Raw, Math.Max(s.Raw, 0))).ToArray(),
            null, null, 0, new ContributionCost(0, 0, 0, TimeSpan.Zero, TimeSpan.Zero));

    [Fact]
    public void Allocate_ProportionalToScores_SumsExactlyToPool()
    {
        var allocation = new RewardPolicy(1_000).Allocate(Scores(("0xa", 0.1), ("0xb", 0.3), ("0xc", -0.2)));

        Assert.Equal(new BigInteger[] { 250, 750, 0 }, allocation.Rewards.Select(r => r.Amount));
        Assert.Equal(new BigInteger(1_000), allocation.Minted);
        Assert.Equal(-0.2, allocation.Rewards[2].RawScore);
        Assert.False(allocation.Rewards[2].Eligible);
        Assert.Equal(5, allocation.Round);
    }

    [Fact]
    public void Allocate_BelowMinimumScore_GetsNothingOthersShareThePool()
    {
        // ppm: 10,000 / 490,000 / 500,000; the minimum 50,000 excludes 0xa, the pool goes 49 : 50.
        var allocation = new RewardPolicy(990, MinimumScorePpm: 50_000).Allocate(Scores(("0xa", 0.01), ("0xb", 0.49), ("0xc", 0.5)));

        Assert.Equal(new BigInteger[] { 0, 490, 500 }, allocation.Rewards.Select(r => r.Amount));
        Assert.Equal([10_000u, 490_000u, 500_000u], allocation.Rewards.Select(r => r.ScorePpm));
        Assert.Equal([false, true, true], allocation.Rewards.Select(r => r.Eligible));
        Assert.Equal(new BigInteger(990), allocation.Minted);
    }

    [Fact]
    public void Allocate_NoPositiveScore_NothingMinted()
    {
        var allocation = new RewardPolicy(1_000).Allocate(Scores(("0xa", -1), ("0xb", 0)));

        Assert.Equal(BigInteger.Zero, allocation.Minted);
        Assert.All(allocation.Rewards, r => Assert.Equal(BigInteger.Zero, r.Amount));
        Assert.Equal(new BigInteger(1_000), allocation.Pool);
    }

    [Fact]
    public void Allocate_RemainingCapBelowPool_PoolIsCapped()
    {
        var allocation = new RewardPolicy(1_000).Allocate(Scores(("0xa", 1), ("0xb", 1), ("0xc", 1)), remainingCap: 100);

        Assert.Equal(new BigInteger(100), allocation.Pool);
        Assert.Equal(new BigInteger(100), allocation.Minted);
        Assert.Equal(new BigInteger[] { 34, 33, 33 }, allocation.Rewards.Select(r => r.Amount));
    }

    [Fact]
    public void Allocate_RandomScores_MintedEqualsPoolAndSumOfAmounts()
    {
        var rng = new Random(99);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = rng.Next(1, 30);
            var scores = Enumerable.Range(0, n).Select(k => ($"0x{k:x3}", rng.NextDouble() * 2 - 0.5)).ToArray();
            var pool = new BigInteger(rng.NextInt64(0, long.MaxValue)) * BigInteger.Pow(10, rng.Next(0, 12));
            var policy = new RewardPolicy(pool, (uint)rng.Next(0, 200_000));

            var allocation = policy.Allocate(Scores(scores));

            var sum = allocation.Rewards.Aggregate(BigInteger.Zero, (s, r) => s + r.Amount);
            Assert.Equal(allocation.Minted, sum);
            Assert.Equal(allocation.Rewards.Any(r => r.Eligible) ? pool : BigInteger.Zero, allocation.Minted);
            Assert.All(allocation.Rewards.Where(r => !r.Eligible), r => Assert.Equal(BigInteger.Zero, r.Amount));
        }
    }

    [Fact]
    public void AmountsFromPpm_LedgerValuesOnly_ReproduceAllocation()
    {
        // An auditor holding only the ledger's ids, ppm and the pool gets the same amounts.
        var policy = new RewardPolicy(BigInteger.Parse("123456789012345678901"), MinimumScorePpm: 30_000);
        var allocation = policy.Allocate(Scores(("0xa", 0.7), ("0xb", 0.02), ("0xc", 0.31), ("0xd", 0.31), ("0xe", -3)));

        var amounts = policy.AmountsFromPpm(
            allocation.Pool, allocation.Rewards.Select(r => r.ScorePpm).ToArray(), allocation.Rewards.Select(r => r.ContributorId).ToArray());

        Assert.Equal(allocation.Rewards.Select(r => r.Amount), amounts);
        Assert.False(allocation.Rewards[1].Eligible);
    }

    [Fact]
    public void PoolFor_NegativeCap_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardPolicy(10).PoolFor(-1));
        Assert.Equal(new BigInteger(10), new RewardPolicy(10).PoolFor(null));
    }

    [Fact]
    public void Constructor_NegativePool_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardPolicy(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardPolicy(1, MinimumScorePpm: 1_000_001));
    }

    [Fact]
    public void RewardOptions_ToPolicy_ParsesBigPoolAndNamesBadKey()
    {
        var policy = new RewardOptions { PoolPerRound = "1000000000000000000000", MinimumScorePpm = 10 }.ToPolicy();
        Assert.Equal(BigInteger.Pow(10, 21), policy.PoolPerRound);

        var e = Assert.Throws<FormatException>(() => new RewardOptions { PoolPerRound = "1e18" }.ToPolicy());
        Assert.Contains("Rewards:PoolPerRound '1e18'", e.Message);
    }
}
