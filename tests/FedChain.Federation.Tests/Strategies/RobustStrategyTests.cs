using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;

namespace FedChain.Federation.Tests.Strategies;

public class RobustStrategyTests
{
    private static readonly StrategyOptions Options = new(new ClientSampling(1, 5, 5), new RoundPlan());

    private static AggregationOutcome Run(IStrategy strategy, float[][] updates, float[]? global = null)
    {
        var round = strategy.BeginAggregate(1, global ?? new float[updates[0].Length]);
        for (var k = 0; k < updates.Length; k++)
        {
            round.Add(new ClientResult($"c{k}", 10 + k), updates[k]);
        }

        return round.Complete([]);
    }

    [Fact]
    public void Median_HandComputed_AddsToModel()
    {
        var outcome = Run(new MedianStrategy(Options), [[1], [2], [3], [4], [1000]], [10f]);

        Assert.True(outcome.Succeeded);
        Assert.Equal([13f], outcome.Model!);
        Assert.True(new MedianStrategy(Options).RequiresAllUpdates);
        Assert.Equal(1.0, outcome.Contributions.Sum(c => c.Weight), 12);
    }

    [Fact]
    public void TrimmedMean_HandComputed()
    {
        var outcome = Run(new TrimmedMeanStrategy(Options, 0.2), [[1], [2], [3], [4], [1000]]);

        Assert.Equal([3f], outcome.Model!);
        Assert.Equal(1, outcome.Metrics["trimmed_per_end"]);
    }

    [Fact]
    public void Krum_HugeAttacker_ExcludedFromWeights()
    {
        var outcome = Run(new KrumStrategy(Options, 1, 3), [[0.1f, 0.1f], [1e5f, -1e5f], [0.2f, 0.1f], [0.1f, 0.2f], [0.15f, 0.15f]]);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(0, outcome.Contributions[1].Weight);
        Assert.Equal(1.0, outcome.Contributions.Sum(c => c.Weight), 12);
        Assert.InRange(outcome.Model![0], 0.1f, 0.2f);
        Assert.Equal("multi-krum", new KrumStrategy(Options, 1, 3).Name);
    }

    [Fact]
    public void Krum_SamplingBelowTwoFPlusThree_RejectedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => new KrumStrategy(Options, 2));

        Assert.Contains("2f + 3 = 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Krum_TooFewResults_FailsWithStatusNotException()
    {
        var strategy = new KrumStrategy(Options, 1);
        var outcome = Run(strategy, [[1], [2], [3], [4]]);

        Assert.False(outcome.Succeeded);
        Assert.Equal(5, strategy.MinimumResults);
        Assert.Contains("at least 5", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffered_ClipNorm_ClipsCopies()
    {
        var outcome = Run(new MedianStrategy(Options with { ClipNorm = 1 }), [[3, 4], [3, 4], [3, 4], [0, 0], [0, 0]]);

        TestData.AssertClose([0.6f, 0.8f], outcome.Model, 1e-6);
        Assert.Equal(0.2, outcome.Contributions[0].ClipScale, 12);
    }
}
