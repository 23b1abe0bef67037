using System.Numerics;
using FedChain.Federation.Contribution;
using FedChain.Federation.Numerics;

namespace FedChain.Federation.Tests.Contribution;

public class RewardSplitTests
{
    private static ContributionScore[] Scores(params double[] values) =>
        values.Select((v, k) => new ContributionScore($"c{k}", v)).ToArray();

    [Fact]
    public void Split_HandComputed_LargestRemainderGetsTheLeftover()
    {
        // 100 * (1, 1, 1) / 3 = 33.33 each; one unit left, ties broken by id: c0.
        Assert.Equal([34, 33, 33], RewardSplit.Split(100, Scores(1, 1, 1)).Select(a => (int)a));
        // 10 * (0.5, 0.3, 0.2) = 5, 3, 2 exactly.
        Assert.Equal([5, 3, 2], RewardSplit.Split(10, Scores(0.5, 0.3, 0.2)).Select(a => (int)a));
    }

    [Fact]
    public void Split_NegativeAndBelowMinimum_PaidNothing()
    {
        var amounts = RewardSplit.Split(1000, Scores(-0.2, 0.01, 0.5, 0.49), minimumScore: 0.05);

        Assert.Equal([0, 0, 505, 495], amounts.Select(a => (int)a));
    }

    [Fact]
    public void Split_RandomScores_AlwaysSumsExactlyToPool()
    {
        var random = new SeededRandom(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var scores = Scores(Enumerable.Range(0, 1 + random.NextInt(12)).Select(_ => random.NextDouble() * Math.Pow(10, random.NextInt(8) - 4)).ToArray());
            var pool = BigInteger.Parse("1000000000000000000", System.Globalization.CultureInfo.InvariantCulture) * (1 + random.NextInt(1000)) + random.NextInt(1000);

            var amounts = RewardSplit.Split(pool, scores);

            Assert.Equal(pool, amounts.Aggregate(BigInteger.Zero, (a, b) => a + b));
            Assert.All(amounts, a => Assert.True(a.Sign >= 0));
        }
    }

    [Fact]
    public void Split_NobodyQualifies_PaysNothing()
    {
        Assert.All(RewardSplit.Split(100, Scores(0, -1)), a => Assert.True(a.IsZero));
    }

    [Fact]
    public void Split_NonFiniteScore_NamesClient()
    {
        var error = Assert.Throws<ArgumentException>(() => RewardSplit.Split(100, Scores(1, double.NaN)));

        Assert.Contains("'c1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleShare_ScoresAreSampleFractions()
    {
        var input = new ContributionInput(1, [new("a", 100, 0.25, 1, 1), new("b", 300, 0.75, 1, 1)]);

        var scores = new SampleShareContributionPolicy().Score(input);

        Assert.Equal([0.25, 0.75], scores.Select(s => s.Score));
        Assert.Equal("samples", new SampleShareContributionPolicy().Name);
    }
}
