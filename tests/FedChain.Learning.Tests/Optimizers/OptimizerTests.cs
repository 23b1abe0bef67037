using FedChain.Learning.Optimizers;

namespace FedChain.Learning.Tests.Optimizers;

public sealed class OptimizerTests
{
    [Fact]
    public void Sgd_MomentumAndWeightDecay_FollowsPyTorchUpdate()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f);
        float[] w = [1f, -2f];
        sgd.Step(w, [0.5f, 0.25f]);

        // v1 = g + wd·w0 ; w1 = w0 - lr·v1
        float v0 = 0.5f + 0.01f, v1 = 0.25f - 0.02f;
        Assert.Equal(1f - (0.1f * v0), w[0], 6);
        Assert.Equal(-2f - (0.1f * v1), w[1], 6);
        var w1 = w.ToArray();
        sgd.Step(w, [0.5f, 0.25f]);

        // v2 = 0.9·v1 + g + wd·w1
        Assert.Equal(w1[0] - (0.1f * ((0.9f * v0) + 0.5f + (0.01f * w1[0]))), w[0], 6);
        Assert.Equal(w1[1] - (0.1f * ((0.9f * v1) + 0.25f + (0.01f * w1[1]))), w[1], 6);
    }

    [Fact]
    public void Sgd_Plain_StepsAgainstTheGradient()
    {
        float[] w = [1f, 2f, 3f];
        new Sgd(0.5f).Step(w, [1f, -1f, 0f]);
        Assert.Equal([0.5f, 2.5f, 3f], w);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachWeightByTheLearningRate()
    {
        float[] w = [1f, 1f, 1f];
        new Adam(0.01f).Step(w, [3f, -0.002f, 0f]);
        Assert.Equal(0.99f, w[0], 5);
        Assert.Equal(1.01f, w[1], 5);
        Assert.Equal(1f, w[2]);
    }

    [Fact]
    public void Sgd_BadArguments_Throw() =>
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => new Sgd(0f)).Message);
}
