using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;

namespace FedChain.Federation.Tests.Strategies;

public class DefenceStrategyTests
{
    private static readonly StrategyOptions SevenClients = new(new ClientSampling(1, 7, 7), new RoundPlan());

    private static AggregationOutcome Run(IStrategy strategy, float[][] updates, float[]? global = null, long round = 1)
    {
        var aggregation = strategy.BeginAggregate(round, global ?? new float[updates[0].Length]);
        for (var k = 0; k < updates.Length; k++)
        {
            aggregation.Add(new ClientResult($"c{k}", 10), updates[k]);
        }

        return aggregation.Complete([]);
    }

    [Fact]
    public void Bulyan_HandComputed_OutlierFilteredWithNote()
    {
        var outcome = Run(new BulyanStrategy(SevenClients, 1), [[0], [1], [2], [3], [4], [5], [100]], [10f]);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal([12f], outcome.Model!);
        Assert.Equal(0, outcome.Contributions[6].Weight);
        Assert.Contains("iterated Krum", outcome.Contributions[6].Note, StringComparison.Ordinal);
        Assert.Null(outcome.Contributions[2].Note);
        Assert.Equal(1.0, outcome.Contributions.Sum(c => c.Weight), 12);
    }

    [Fact]
    public void Bulyan_SamplingBelowFourFPlusThree_RefusedAtConstructionWithTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new BulyanStrategy(SevenClients, 2));

        Assert.Contains("n >= 4f + 3 = 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiKrum_SamplingTooSmallForF_RefusedWithTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new KrumStrategy(SevenClients, 3, 2));

        Assert.Contains("2f + 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiKrum_UnselectedUpdatesCarryANote()
    {
        var outcome = Run(new KrumStrategy(SevenClients, 1, 4), [[0], [0.1f], [0.2f], [0.3f], [0.4f], [50], [-50]]);

        Assert.Equal(0, outcome.Contributions[5].Weight);
        Assert.Contains("lowest Krum scores", outcome.Contributions[5].Note, StringComparison.Ordinal);
        Assert.Equal(0.25, outcome.Contributions[2].Weight, 12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    public void TrimmedMean_FractionHalfOrMore_RefusedWithTheRule(double beta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrimmedMeanStrategy(SevenClients, beta));

        Assert.Contains("[0, 0.5)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void CenteredClipping_NonPositiveRadius_RefusedWithTheRule(double tau)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CenteredClippingStrategy(SevenClients, tau));

        Assert.Contains("tau > 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CenteredClipping_SecondRoundIsCentredOnTheFirstAggregate()
    {
        var strategy = new CenteredClippingStrategy(SevenClients, 1, 1);
        var first = Run(strategy, [[3, 4], [0.3f, 0.4f], [0, 0]]);
        TestData.AssertClose([0.3f, 0.4f], first.Model, 1e-6);
        Assert.Contains("clipped to tau = 1", first.Contributions[0].Note, StringComparison.Ordinal);

        // Round 2 starts from center (0.3, 0.4): (3.3, 4.4) is 5 away and clips to (0.6, 0.8) from it, the
        // other two sit on it, so the aggregate is (0.3, 0.4) + (0.6, 0.8) / 3 = (0.5, 0.6667). Centred on 0 it
        // would have been (0.2, 0.2667) + ... : the center matters.
        var second = Run(strategy, [[3.3f, 4.4f], [0.3f, 0.4f], [0.3f, 0.4f]], round: 2);
        TestData.AssertClose([0.5f, 0.4f + (0.8f / 3)], second.Model, 1e-5);
        Assert.Null(second.Contributions[1].Note);
    }

    [Fact]
    public void FlTrust_UsesTheServerUpdateOfTheRoundsGlobalModel()
    {
        float[]? seen = null;
        var strategy = new FlTrustStrategy(SevenClients, (round, global) =>
        {
            seen = global;
            return [1, 0];
        });

        var outcome = Run(strategy, [[2, 0], [0, 3], [-1, 0], [1, 1]], [5, 5]);

        Assert.Equal([5f, 5f], seen!);
        var total = 1 + (1 / Math.Sqrt(2));
        TestData.AssertClose([(float)(5 + (1.5 / total)), (float)(5 + (0.5 / total))], outcome.Model, 1e-6);
        Assert.Equal(0, outcome.Contributions[2].Weight);
        Assert.Contains("trust 0", outcome.Contributions[2].Note, StringComparison.Ordinal);
        Assert.Equal(1.0, outcome.Contributions.Sum(c => c.Weight), 12);
    }

    [Fact]
    public void FlTrust_NoServerUpdate_Refused()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new FlTrustStrategy(SevenClients, null!));

        Assert.Contains("root-data", error.Message, StringComparison.Ordinal);
    }
}
