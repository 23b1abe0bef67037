using Xunit.Abstractions;

namespace FedChain.Learning.Torch.Tests;

/// <summary>
/// One MNIST epoch (6,000 SGD steps at batch 10) on both engines. A single step agrees within 1e-5, but over thousands
/// of steps float rounding grows chaotically, so one seed's accuracy is one draw: the native engine against itself
/// with its initial vector moved by one ulp lands as far from itself as from torch (docs/architecture.md, "Engine
/// agreement"). The property tested is therefore the one that holds for chaos and fails for a real difference:
/// over several fixed seeds the mean accuracies are within 0.5 point, and no seed's torch-vs-native gap exceeds
/// 0.5 point plus the largest native-vs-perturbed-native gap of the same seeds. The cnn is not run here: nine cnn epochs
/// on 60,000 images take longer than the whole suite may (its single steps agree within 1e-5 in EngineAgreementTests).
/// </summary>
[Trait("Category", "Slow")]
public sealed class EngineAccuracyAgreementTests(ITestOutputHelper output)
{
    private static readonly ulong[] Seeds = [1, 2, 3];

    [Theory]
    [InlineData("mlp")]
    public void OneMnistEpoch_OverThreeSeeds_MeanTestAccuracyWithinHalfAPoint(string name)
    {
        var spec = TorchEngineTests.SpecOf(name);
        using var native = new NativeEngine().Create(spec, 7);
        using var torch = new TorchEngine().Create(spec, 7);
        var start = native.InitialParameters();
        var perturbed = OneUlpApart(start);
        double torchGap = 0, chaosGap = 0, nativeSum = 0, torchSum = 0;
        foreach (var seed in Seeds)
        {
            var plan = new TrainingPlan(1, 10, 0.05f, Seed: seed);
            var nativeAccuracy = native.Evaluate(native.Train(start, MnistData.Train, plan).Parameters, MnistData.Test).Accuracy;
            var torchAccuracy = native.Evaluate(torch.Train(start, MnistData.Train, plan).Parameters, MnistData.Test).Accuracy;
            var perturbedAccuracy = native.Evaluate(native.Train(perturbed, MnistData.Train, plan).Parameters, MnistData.Test).Accuracy;
            output.WriteLine($"{name} seed {seed}: native {nativeAccuracy:P2}, torch {torchAccuracy:P2}, native from a 1-ulp perturbed start {perturbedAccuracy:P2}");
            torchGap = Math.Max(torchGap, Math.Abs(torchAccuracy - nativeAccuracy));
            chaosGap = Math.Max(chaosGap, Math.Abs(perturbedAccuracy - nativeAccuracy));
            nativeSum += nativeAccuracy;
            torchSum += torchAccuracy;
        }

        double nativeMean = nativeSum / Seeds.Length, torchMean = torchSum / Seeds.Length;
        output.WriteLine($"{name}: mean native {nativeMean:P2}, torch {torchMean:P2}; largest gap torch-native {torchGap:P2}, native-perturbed {chaosGap:P2}");
        Assert.True(Math.Abs(nativeMean - torchMean) <= 0.005, $"{name}: mean over seeds native {nativeMean:P2} vs torch {torchMean:P2}");
        Assert.True(torchGap <= 0.005 + chaosGap, $"{name}: torch differs from native by up to {torchGap:P2}, more than 0.5 point beyond native's own 1-ulp spread {chaosGap:P2}");
    }

    // Every 97th value moved to the next float: a change far below any summation-order difference.
    private static float[] OneUlpApart(float[] start)
    {
        var perturbed = (float[])start.Clone();
        for (var i = 0; i < perturbed.Length; i += 97)
        {
            perturbed[i] = MathF.BitIncrement(perturbed[i]);
        }

        return perturbed;
    }
}
