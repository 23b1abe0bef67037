using FedChain.Learning.Data;

namespace FedChain.Learning.Tests;

/// <summary>Small seeded synthetic datasets.</summary>
internal static class TestData
{
    /// <summary>Uniform [0, 1) features and uniform labels.</summary>
    public static Dataset Random(int count, int[] shape, int classes, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var size = shape.Aggregate(1, (a, d) => a * d);
        var features = new float[count * size];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)random.NextDouble();
        }

        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.NextInt(classes);
        }

        return Dataset.FromArrays("synthetic", features, labels, shape, classes);
    }

    /// <summary>Two Gaussian blobs in <paramref name="features"/> dimensions, label = blob (linearly separable-ish).</summary>
    public static Dataset Blobs(int count, int features, ulong seed, double separation = 1.5)
    {
        var random = new DeterministicRandom(seed);
        var x = new float[count * features];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            for (var j = 0; j < features; j++)
            {
                x[(i * features) + j] = (float)(random.NextGaussian() + (labels[i] == 1 && j < 3 ? separation : 0));
            }
        }

        return Dataset.FromArrays("blobs", x, labels, [features], 2);
    }
}
