using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Tests.Aggregation;

public class ServerOptimizerStepTests
{
    private static readonly FedOptOptions Options = new(Eta: 0.1, EtaL: 0.1, Beta1: 0.9, Beta2: 0.99, Tau: 1e-3);

    [Theory]
    [InlineData(ServerOptimizer.Adagrad)]
    [InlineData(ServerOptimizer.Adam)]
    [InlineData(ServerOptimizer.Yogi)]
    public void Apply_FirstStep_HandComputed(ServerOptimizer optimizer)
    {
        float[] model = [1f];
        float[] m = [0f];
        float[] v = [1e-6f];

        ServerOptimizerStep.Apply(optimizer, Options, model, [0.5f], m, v);

        // m = 0.1 * 0.5 = 0.05; delta^2 = 0.25; v0 = tau^2 = 1e-6
        var expectedV = optimizer switch
        {
            ServerOptimizer.Adagrad => 1e-6 + 0.25,
            ServerOptimizer.Adam => (0.99 * 1e-6) + (0.01 * 0.25),
            _ => 1e-6 + (0.01 * 0.25), // Yogi: sign(v - d^2) = -1, so v grows by (1 - beta2) d^2
        };
        Assert.Equal(0.05, m[0], 6);
        Assert.Equal(expectedV, v[0], 6);
        Assert.Equal(1 + (0.1 * 0.05 / (Math.Sqrt(expectedV) + 1e-3)), model[0], 5);
    }

    [Fact]
    public void Apply_YogiVersusAdam_DifferWhenVExceedsDeltaSquared()
    {
        float[] mA = [0f], vA = [1f], xA = [0f];
        float[] mY = [0f], vY = [1f], xY = [0f];

        ServerOptimizerStep.Apply(ServerOptimizer.Adam, Options, xA, [0.1f], mA, vA);
        ServerOptimizerStep.Apply(ServerOptimizer.Yogi, Options, xY, [0.1f], mY, vY);

        // Adam: 0.99 * 1 + 0.01 * 0.01 = 0.9901; Yogi: 1 - 0.01 * 0.01 * sign(1 - 0.01) = 0.9999
        Assert.Equal(0.9901, vA[0], 6);
        Assert.Equal(0.9999, vY[0], 6);
    }

    [Fact]
    public void Options_BadBeta_NamesField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (Options with { Beta1 = 1 }).Validate());

        Assert.Equal("Beta1", error.ParamName);
    }
}
