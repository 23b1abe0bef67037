using FedChain.Federation.Aggregation;
using FedChain.Federation.Strategies;

namespace FedChain.Federation.Tests.Strategies;

public class FedOptStrategyTests
{
    private static readonly FedOptOptions FedOpt = new(Eta: 0.1, EtaL: 0.05, Beta1: 0.9, Beta2: 0.99, Tau: 1e-3);

    [Fact]
    public void FedAdam_TwoRounds_MatchesHandComputation()
    {
        var strategy = new FedAdamStrategy(StrategyOptions.Default, FedOpt);
        float[] model = [0f];
        double m = 0, v = 1e-6, x = 0;
        foreach (var (a, b) in new[] { (1f, 3f), (-1f, 1f) })
        {
            var round = strategy.BeginAggregate(1, model);
            round.Add(new ClientResult("a", 1), [a]);
            round.Add(new ClientResult("b", 1), [b]);
            model = round.Complete([]).Model!;

            var delta = (a + b) / 2.0;
            m = (0.9 * m) + (0.1 * delta);
            v = (0.99 * v) + (0.01 * delta * delta);
            x += 0.1 * m / (Math.Sqrt(v) + 1e-3);
        }

        Assert.Equal(x, model[0], 5);
        Assert.Equal(0.05, strategy.ConfigureFit(3, ["a", "b"]).Plan.LearningRate);
    }

    [Theory]
    [InlineData("fedadam")]
    [InlineData("fedyogi")]
    [InlineData("fedadagrad")]
    public void FedOpt_AllVariants_StepTowardsMeanUpdate(string name)
    {
        IStrategy strategy = name switch
        {
            "fedadam" => new FedAdamStrategy(StrategyOptions.Default, FedOpt),
            "fedyogi" => new FedYogiStrategy(StrategyOptions.Default, FedOpt),
            _ => new FedAdagradStrategy(StrategyOptions.Default, FedOpt),
        };
        var round = strategy.BeginAggregate(1, [1f, 1f]);
        round.Add(new ClientResult("a", 3), [1f, -1f]);

        var outcome = round.Complete([]);

        Assert.Equal(name, strategy.Name);
        Assert.False(strategy.RequiresAllUpdates);
        Assert.True(outcome.Model![0] > 1f);
        Assert.True(outcome.Model[1] < 1f);
    }

    [Fact]
    public void RestoreState_ContinuesLikeTheOriginal()
    {
        var original = new FedYogiStrategy(StrategyOptions.Default, FedOpt);
        float[] model = [0.5f, -0.5f];
        model = Step(original, model, [0.2f, 0.1f]);
        var (m, v) = original.ExportState()!.Value;

        var restarted = new FedYogiStrategy(StrategyOptions.Default, FedOpt);
        restarted.RestoreState(m, v);

        Assert.Equal(Step(original, model, [-0.1f, 0.3f]), Step(restarted, model, [-0.1f, 0.3f]));
    }

    private static float[] Step(IStrategy strategy, float[] model, float[] update)
    {
        var round = strategy.BeginAggregate(1, model);
        round.Add(new ClientResult("a", 1), update);
        return round.Complete([]).Model!;
    }
}
