using System.Numerics;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>
/// Issue 15's reward properties at library level: after the free-rider screen, a zero update, the global model
/// sent back, a copy of another's update and a stale replay each earn under 5% of the fair share (what an honest
/// worker with the same sample count earns) under loo and shapley:mc, and the copied worker earns what it would
/// have earned without the copy, so the pair does not gain.
/// </summary>
public class FreeRiderRewardTests
{
    private const int Parameters = 40;
    private static readonly BigInteger Pool = BigInteger.Pow(10, 18);

    [Theory]
    [InlineData("loo", "zero")]
    [InlineData("loo", "echo")]
    [InlineData("loo", "copy")]
    [InlineData("loo", "stale")]
    [InlineData("shapley:mc:40", "zero")]
    [InlineData("shapley:mc:40", "echo")]
    [InlineData("shapley:mc:40", "copy")]
    [InlineData("shapley:mc:40", "stale")]
    public void ScoreKept_FreeRider_UnderFivePercentOfFairShare(string policyText, string kind)
    {
        var (w0, target, honest, earlier) = Scenario(seed: 41);
        var freeRider = kind switch
        {
            "zero" => new float[Parameters],
            "echo" => (float[])w0.Clone(),
            "copy" => (float[])honest[0].Clone(),
            _ => earlier,
        };
        var updates = honest.Select((u, k) => new ContributorUpdate($"0x{k:x2}", 100, u)).Append(new ContributorUpdate("0xff", 100, freeRider)).ToArray();

        var rewards = Rewards(policyText, w0, target, updates, earlier);

        var honestMean = rewards.Where(r => r.ContributorId != "0xff").Average(r => (double)r.Amount);
        var freeRiderAmount = (double)rewards.Single(r => r.ContributorId == "0xff").Amount;
        Assert.True(honestMean > 0);
        Assert.True(freeRiderAmount < 0.05 * honestMean, $"{kind} earned {freeRiderAmount} against a fair share of {honestMean}");
    }

    [Theory]
    [InlineData("loo")]
    [InlineData("shapley:mc:40")]
    public void ScoreKept_Copy_PairEarnsWhatTheOriginalEarnsAlone(string policyText)
    {
        var (w0, target, honest, earlier) = Scenario(seed: 43);
        var without = honest.Select((u, k) => new ContributorUpdate($"0x{k:x2}", 100, u)).ToArray();
        var with = without.Append(new ContributorUpdate("0xff", 100, (float[])honest[0].Clone())).ToArray();

        var alone = Rewards(policyText, w0, target, without, earlier).Single(r => r.ContributorId == "0x00").Amount;
        var after = Rewards(policyText, w0, target, with, earlier);

        var pair = after.Single(r => r.ContributorId == "0x00").Amount + after.Single(r => r.ContributorId == "0xff").Amount;
        Assert.Equal(alone, pair);
    }

    private static ContributorReward[] Rewards(string policyText, float[] w0, float[] target, ContributorUpdate[] updates, float[] earlier)
    {
        // Arrival order as listed (the free-rider last); round 1 held the stale update.
        var history = new SketchHistory();
        history.Record(1, [("0x00", UpdateSketch.Of(earlier))]);
        var verdicts = ContributionScreen.Screen(
            updates.Select((u, k) => new ScreenedUpdate(u.ContributorId, k, UpdateSketch.Of(u.Delta.Span))).ToArray(),
            UpdateSketch.Of(w0),
            history.Before(2));
        var policy = ContributionPolicySpec.Parse(policyText, seed: 5).CreatePolicy();
        var scores = ContributionScreen.ScoreKept(policy, 2, w0, updates, verdicts, Games.DistanceTo(target));
        return new RewardPolicy(Pool).Allocate(scores).Rewards.ToArray();
    }

    /// <summary>Five honest workers stepping towards a target with their own noise; the stale update is a step of an earlier round.</summary>
    private static (float[] W0, float[] Target, float[][] Honest, float[] Earlier) Scenario(int seed)
    {
        var w0 = TestData.RandomVector(Parameters, (ulong)seed);
        var direction = TestData.RandomVector(Parameters, (ulong)seed + 1);
        var target = w0.Zip(direction).Select(p => p.First + p.Second).ToArray();
        var honest = Enumerable.Range(0, 5)
            .Select(k => direction.Zip(TestData.RandomVector(Parameters, (ulong)(seed * 10) + (ulong)k, 0.3)).Select(p => (0.5f * p.First) + p.Second).ToArray())
            .ToArray();
        var earlier = direction.Zip(TestData.RandomVector(Parameters, (ulong)seed + 99, 0.3)).Select(p => (0.5f * p.First) + p.Second).ToArray();
        return (w0, target, honest, earlier);
    }
}
