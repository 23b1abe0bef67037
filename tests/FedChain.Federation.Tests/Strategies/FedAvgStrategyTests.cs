using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;

namespace FedChain.Federation.Tests.Strategies;

public class FedAvgStrategyTests
{
    private static readonly float[] Global = [1f, 1f];

    [Fact]
    public void Complete_HandComputed_AddsWeightedMeanToModel()
    {
        var strategy = new FedAvgStrategy(StrategyOptions.Default);
        var round = strategy.BeginAggregate(1, Global);
        round.Add(new ClientResult("a", 100), [1f, 2f]);
        round.Add(new ClientResult("b", 300), [4f, -1f]);

        var outcome = round.Complete([new ClientFailure("c", "timeout")]);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal([4.25f, 0.75f], outcome.Model!);
        Assert.Equal([0.25, 0.75], outcome.Contributions.Select(c => c.Weight));
        Assert.Equal(1, outcome.Metrics["failures"]);
        Assert.Equal(400, outcome.Metrics["total_samples"]);
        Assert.Single(outcome.Failures);
    }

    [Fact]
    public void Complete_Weights_SumToOne()
    {
        var strategy = new FedAvgStrategy(StrategyOptions.Default);
        var round = strategy.BeginAggregate(1, new float[3]);
        foreach (var (id, n) in new[] { ("a", 7L), ("b", 13L), ("c", 1L), ("d", 999L) })
        {
            round.Add(new ClientResult(id, n), [1f, 2f, 3f]);
        }

        Assert.Equal(1.0, round.Complete([]).Contributions.Sum(c => c.Weight), 12);
    }

    [Fact]
    public void Complete_NoResults_FailsWithStatus()
    {
        var outcome = new FedAvgStrategy(StrategyOptions.Default).BeginAggregate(4, Global).Complete([new ClientFailure("a", "crashed")]);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Model);
        Assert.Contains("0 results", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_AfterComplete_Throws()
    {
        var round = new FedAvgStrategy(StrategyOptions.Default).BeginAggregate(1, Global);
        round.Add(new ClientResult("a", 1), [1f, 1f]);
        round.Complete([]);

        Assert.Throws<InvalidOperationException>(() => round.Add(new ClientResult("b", 1), [1f, 1f]));
    }

    [Fact]
    public void Add_WithClipNorm_ScalesLargeUpdateDown()
    {
        var strategy = new FedAvgStrategy(StrategyOptions.Default with { ClipNorm = 1.0 });
        var round = strategy.BeginAggregate(1, new float[2]);
        round.Add(new ClientResult("a", 1), [3f, 4f]);
        round.Add(new ClientResult("b", 1), [0.6f, 0f]);

        var outcome = round.Complete([]);

        // [3,4] has norm 5 -> [0.6, 0.8]; mean with [0.6, 0] = [0.6, 0.4]
        TestData.AssertClose([0.6f, 0.4f], outcome.Model, 1e-6);
        Assert.Equal(0.2, outcome.Contributions[0].ClipScale, 12);
        Assert.Equal(1.0, outcome.Contributions[1].ClipScale);
    }

    [Fact]
    public void ConfigureFit_SamplesAndCarriesPlan()
    {
        var options = new StrategyOptions(new ClientSampling(0.5, 1, 1, 3), new RoundPlan(0.05, 2, 32));
        var config = new FedAvgStrategy(options).ConfigureFit(2, ["a", "b", "c", "d"]);

        Assert.Equal(2, config.Selection.Selected.Count);
        Assert.Equal(0.05, config.Plan.LearningRate);
        Assert.Equal(0, config.Plan.ProximalMu);
    }

    [Fact]
    public void FedProx_Plan_CarriesMu_ServerIsFedAvg()
    {
        var strategy = new FedProxStrategy(StrategyOptions.Default, 0.01);
        var round = strategy.BeginAggregate(1, Global);
        round.Add(new ClientResult("a", 1), [2f, 0f]);
        round.Add(new ClientResult("b", 3), [-2f, 4f]);

        Assert.Equal(0.01, strategy.ConfigureFit(1, ["a", "b"]).Plan.ProximalMu);
        Assert.Equal([0f, 4f], round.Complete([]).Model!);
        Assert.False(strategy.RequiresAllUpdates);
    }

    [Fact]
    public void FedProx_NonPositiveMu_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FedProxStrategy(StrategyOptions.Default, 0));
    }
}
