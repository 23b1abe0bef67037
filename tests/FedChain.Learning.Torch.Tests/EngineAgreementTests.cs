namespace FedChain.Learning.Torch.Tests;

public sealed class EngineAgreementTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("logreg")]
    public void OneSgdStep_SameVectorSameBatch_WithinOneInAHundredThousand(string name)
    {
        var spec = TorchEngineTests.SpecOf(name);
        var data = TestData.Random(10, [1, 28, 28], 10, 11);
        var plan = new TrainingPlan(Epochs: 1, BatchSize: 10, LearningRate: 0.05f, Seed: 3);
        var (native, torch) = TrainBoth(spec, data, plan);
        Assert.Equal(1, native.Result.Steps);
        Assert.Equal(1, torch.Result.Steps);
        var distance = TestData.RelativeL2(torch.Parameters, native.Parameters);
        Assert.True(distance < 1e-5, $"{name}: one step differs by {distance:E2} relative L2");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void SeveralSteps_MomentumWeightDecayProx_Agree(string optimizer)
    {
        var spec = new ModelSpec("mlp", [6], 3, [16]);
        var data = TestData.Blobs(40, 6, 3, 2);
        var plan = new TrainingPlan(Epochs: 2, BatchSize: 8, LearningRate: optimizer == "adam" ? 0.01f : 0.05f, Momentum: optimizer == "adam" ? 0 : 0.9f,
            WeightDecay: 1e-3f, ProxMu: 0.1f, Seed: 5, Optimizer: optimizer);
        var (native, torch) = TrainBoth(spec, data, plan);
        Assert.Equal(10, torch.Result.Steps);
        var distance = TestData.RelativeL2(torch.Parameters, native.Parameters);
        Assert.True(distance < 1e-5, $"{optimizer}: 10 steps differ by {distance:E2} relative L2");
        Assert.Equal(native.Result.EpochLosses[1], torch.Result.EpochLosses[1], 4);
    }

    [Fact]
    public void BinaryTask_OneEpoch_AgreesWithTheNativeSigmoidHead()
    {
        var spec = new ModelSpec("mlp", [30], 2, [16, 8]);
        var data = TestData.Random(50, [30], 2, 9);
        var (native, torch) = TrainBoth(spec, data, new TrainingPlan(1, 10, 0.1f, Seed: 1));
        var distance = TestData.RelativeL2(torch.Parameters, native.Parameters);
        Assert.True(distance < 1e-5, $"binary mlp: one epoch differs by {distance:E2} relative L2");
    }

    internal static (TrainingOutcome Native, TrainingOutcome Torch) TrainBoth(ModelSpec spec, Learning.Data.Dataset data, TrainingPlan plan)
    {
        using var native = new NativeEngine().Create(spec, 7);
        using var torch = new TorchEngine().Create(spec, 7);
        var start = native.InitialParameters();
        return (native.Train(start, data, plan), torch.Train(start, data, plan));
    }
}
