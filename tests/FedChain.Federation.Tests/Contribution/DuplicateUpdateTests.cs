using System.Numerics;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>
/// The property: a worker that resubmits another's update under its own key must not double the pair's
/// reward under shapley. Sample counts reward the copy; Shapley sees that the copy adds nothing (here it even
/// pulls the average off target), so the pair earns no more than the original alone.
/// </summary>
public class DuplicateUpdateTests
{
    private static readonly BigInteger Pool = BigInteger.Parse("1000000000000000000");

    // Target (1, 1) from w0 = 0: A moves to (2, 0), B to (0, 2); their average hits the target, copies of A do not.
    // Without the copy: U() = U(A) = U(B) = -2, U(AB) = 0, so phi_A = phi_B = 1.
    // With A' = A: U(AA'B) = -2/9, phi_B = 68/54, phi_A + phi_A' = 16/9 - 68/54 = 28/54.
    [Fact]
    public void Shapley_DuplicatedUpdate_PairEarnsNoMoreThanOriginalAlone()
    {
        var honest = Round(Games.Update("0xa", 10, 2f, 0f), Games.Update("0xb", 10, 0f, 2f));
        var withCopy = Round(Games.Update("0xa", 10, 2f, 0f), Games.Update("0xa2", 10, 2f, 0f), Games.Update("0xb", 10, 0f, 2f));
        var shapley = new ContributionPolicySpec("shapley", ShapleyMode.Exact).CreatePolicy();

        var before = new RewardPolicy(Pool).Allocate(shapley.Score(honest));
        var afterScores = shapley.Score(withCopy);
        var after = new RewardPolicy(Pool).Allocate(afterScores);

        Assert.Equal(28.0 / 54, afterScores.Scores[0].Raw + afterScores.Scores[1].Raw, 6);
        Assert.Equal(68.0 / 54, afterScores.Scores[2].Raw, 6);
        var pair = after.Rewards[0].Amount + after.Rewards[1].Amount;
        Assert.True(pair <= before.Rewards[0].Amount, $"pair {pair} vs original alone {before.Rewards[0].Amount}");
    }

    [Fact]
    public void Samples_DuplicatedUpdate_PairEarnsMoreThanOriginalAlone()
    {
        // The contrast that makes the Shapley test meaningful: the sample share does reward the copy.
        var honest = Round(Games.Update("0xa", 10, 2f, 0f), Games.Update("0xb", 10, 0f, 2f));
        var withCopy = Round(Games.Update("0xa", 10, 2f, 0f), Games.Update("0xa2", 10, 2f, 0f), Games.Update("0xb", 10, 0f, 2f));
        var samples = new SampleShareContributionPolicy();

        var before = new RewardPolicy(Pool).Allocate(samples.Score(honest));
        var after = new RewardPolicy(Pool).Allocate(samples.Score(withCopy));

        Assert.True(after.Rewards[0].Amount + after.Rewards[1].Amount > before.Rewards[0].Amount);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Shapley_DuplicateInRandomRound_DoesNotDoublePairReward(int seed)
    {
        var (round, target) = Games.Random(4, 12, seed);
        var original = round.Updates[0];
        var copied = round.Updates.Append(original with { ContributorId = "0xff" });
        var withCopy = new ContributionRound(1, round.BaseModel, copied, Games.DistanceTo(target));
        var shapley = new ContributionPolicySpec("shapley", ShapleyMode.Exact).CreatePolicy();

        var before = new RewardPolicy(Pool).Allocate(shapley.Score(round));
        var after = new RewardPolicy(Pool).Allocate(shapley.Score(withCopy));

        var alone = before.Rewards.Single(r => r.ContributorId == original.ContributorId).Amount;
        var pair = after.Rewards.Where(r => r.ContributorId == original.ContributorId || r.ContributorId == "0xff").Aggregate(BigInteger.Zero, (s, r) => s + r.Amount);
        Assert.True(pair < 2 * alone, $"pair {pair} vs original alone {alone}");
    }

    private static ContributionRound Round(params ContributorUpdate[] updates) =>
        new(1, new float[] { 0, 0 }, updates, Games.DistanceTo([1f, 1f]));
}
