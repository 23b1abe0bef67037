using System.Numerics;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>
/// The issue's acceptance scenario at library level: four honest workers whose updates scatter a little around
/// the useful direction and one noisy worker far off it. Utility-based policies must give the noisy worker the
/// lowest score and reward, and the honest workers rewards within a factor of 2 of each other.
/// </summary>
public class NoisyWorkerTests
{
    [Theory]
    [InlineData("loo", 31)]
    [InlineData("loo", 32)]
    [InlineData("shapley", 31)]
    [InlineData("shapley", 32)]
    [InlineData("shapley:mc:40", 33)]
    public void Score_OneNoisyWorker_LowestScoreAndRewardHonestWithinFactorTwo(string policyText, int seed)
    {
        var round = NoisyRound(seed, honest: 4, parameters: 50);
        var policy = ContributionPolicySpec.Parse(policyText, seed: 1).CreatePolicy();

        var scores = policy.Score(round);
        var rewards = new RewardPolicy(BigInteger.Pow(10, 18)).Allocate(scores);

        var noisy = scores.Scores.Single(s => s.ContributorId == "0xbad").Raw;
        Assert.All(scores.Scores.Where(s => s.ContributorId != "0xbad"), s => Assert.True(s.Raw > noisy, $"{s.ContributorId} {s.Raw} vs noisy {noisy}"));
        var honestAmounts = rewards.Rewards.Where(r => r.ContributorId != "0xbad").Select(r => r.Amount).ToArray();
        var noisyAmount = rewards.Rewards.Single(r => r.ContributorId == "0xbad").Amount;
        Assert.All(honestAmounts, a => Assert.True(a > noisyAmount));
        var max = honestAmounts.Max();
        var min = honestAmounts.Min();
        Assert.True(max <= 2 * min, $"honest rewards {string.Join(", ", honestAmounts)} differ by more than a factor of 2");
    }

    [Fact]
    public void Score_OneNoisyWorker_SampleShareDoesNotSeeIt()
    {
        // The baseline pays the noisy worker like everyone else: the contrast the utility policies are for.
        var scores = new SampleShareContributionPolicy().Score(NoisyRound(31, honest: 4, parameters: 50));

        Assert.Equal(scores.Scores.Max(s => s.Raw), scores.Scores.Single(s => s.ContributorId == "0xbad").Raw);
    }

    private static ContributionRound NoisyRound(int seed, int honest, int parameters)
    {
        var rng = new Random(seed);
        var w0 = new float[parameters];
        var target = new float[parameters];
        for (var i = 0; i < parameters; i++)
        {
            w0[i] = (float)rng.NextDouble();
            target[i] = w0[i] + (float)(rng.NextDouble() - 0.5);
        }

        var updates = new List<ContributorUpdate>();
        for (var k = 0; k <= honest; k++)
        {
            var noise = k < honest ? 0.3 : 3.0;
            var delta = new float[parameters];
            for (var i = 0; i < parameters; i++)
            {
                delta[i] = target[i] - w0[i] + (float)(noise * (rng.NextDouble() - 0.5));
            }

            // The noisy worker claims the most samples, as a cheater would.
            updates.Add(new ContributorUpdate(k < honest ? $"0x{k:x2}" : "0xbad", k < honest ? 600 : 900, delta));
        }

        return new ContributionRound(2, w0, updates, Games.DistanceTo(target));
    }
}
