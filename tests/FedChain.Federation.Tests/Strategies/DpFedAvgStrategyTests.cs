using FedChain.Federation.Privacy;
using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;

namespace FedChain.Federation.Tests.Strategies;

public class DpFedAvgStrategyTests
{
    private static readonly StrategyOptions Options = new(new ClientSampling(0.5, 2, 2, 1), new RoundPlan());
    private static readonly string[] Clients = ["a", "b", "c", "d", "e", "f", "g", "h"];

    private static AggregationOutcome Round(DpFedAvgStrategy strategy, long round, float[][] updates)
    {
        strategy.ConfigureFit(round, Clients);
        var aggregation = strategy.BeginAggregate(round, new float[updates[0].Length]);
        for (var k = 0; k < updates.Length; k++)
        {
            aggregation.Add(new ClientResult(Clients[k], 1000 * (k + 1)), updates[k]);
        }

        return aggregation.Complete([]);
    }

    [Fact]
    public void Complete_ClipsWeightsUniformlyAndAddsCalibratedNoise()
    {
        const int length = 100_000;
        var strategy = new DpFedAvgStrategy(Options, new DpOptions(ClipNorm: 1, NoiseMultiplier: 2, Delta: 1e-5, NoiseSeed: 3));
        var big = Enumerable.Repeat(1f, length).ToArray();

        var outcome = Round(strategy, 1, [big, new float[length]]);

        // Clipped big update has norm 1; uniform mean has norm 0.5; noise std = z*C/m = 1.
        Assert.Equal(1.0, outcome.Metrics["noise_std"], 12);
        Assert.Equal(0.5, outcome.Contributions[0].Weight);
        var mean = outcome.Model!.Average(v => (double)v);
        var variance = outcome.Model!.Average(v => (v - mean) * (v - mean));
        Assert.Equal(0.5 / Math.Sqrt(length), mean, 2);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void Complete_SameSeed_SameNoise()
    {
        float[][] updates = [[0.1f, 0.2f, 0.3f], [0.3f, 0.2f, 0.1f]];
        var dp = new DpOptions(1, 1.1, 1e-5, 42);

        Assert.Equal(Round(new DpFedAvgStrategy(Options, dp), 4, updates).Model!, Round(new DpFedAvgStrategy(Options, dp), 4, updates).Model!);
    }

    [Fact]
    public void Complete_EachRound_AccountsWithSamplingRate()
    {
        var strategy = new DpFedAvgStrategy(Options, new DpOptions(1, 1.1, 1e-5));
        var expected = new RdpAccountant();
        var previous = 0.0;
        for (var r = 1; r <= 3; r++)
        {
            var outcome = Round(strategy, r, [[0.1f], [0.2f]]);
            expected.Step(1.1, 0.5);

            Assert.Equal(0.5, outcome.Metrics["sampling_rate"]);
            Assert.Equal(expected.GetEpsilon(1e-5).Epsilon, outcome.Metrics["epsilon"], 12);
            Assert.True(outcome.Metrics["epsilon"] > previous);
            previous = outcome.Metrics["epsilon"];
        }

        Assert.Equal(previous, strategy.Spent.Epsilon, 12);
    }

    [Fact]
    public void ConfigureFit_PlanCarriesDpParameters()
    {
        var plan = new DpFedAvgStrategy(Options, new DpOptions(0.7, 1.3)).ConfigureFit(1, Clients).Plan;

        Assert.Equal(0.7, plan.ClipNorm);
        Assert.Equal(1.3, plan.NoiseMultiplier);
    }
}
