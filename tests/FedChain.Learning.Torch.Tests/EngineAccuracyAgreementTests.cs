using Xunit.Abstractions;

namespace FedChain.Learning.Torch.Tests;

[Trait("Category", "Slow")]
public sealed class EngineAccuracyAgreementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    public void OneMnistEpoch_BothEngines_TestAccuracyWithinHalfAPoint(string name)
    {
        var spec = TorchEngineTests.SpecOf(name);
        var (native, torch) = EngineAgreementTests.TrainBoth(spec, MnistData.Train, new TrainingPlan(1, 10, 0.05f, Seed: 1));
        using var evaluator = new NativeEngine().Create(spec);
        double nativeAccuracy = evaluator.Evaluate(native.Parameters, MnistData.Test).Accuracy, torchAccuracy = evaluator.Evaluate(torch.Parameters, MnistData.Test).Accuracy;
        output.WriteLine($"{name}: native {nativeAccuracy:P2}, torch {torchAccuracy:P2}");
        Assert.True(Math.Abs(nativeAccuracy - torchAccuracy) <= 0.005, $"{name}: native {nativeAccuracy:P2} vs torch {torchAccuracy:P2} after one epoch");
    }
}
