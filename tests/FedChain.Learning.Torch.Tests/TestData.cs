using FedChain.Learning.Data;

namespace FedChain.Learning.Torch.Tests;

/// <summary>Seeded synthetic datasets.</summary>
internal static class TestData
{
    public static Dataset Random(int count, int[] shape, int classes, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var size = shape.Aggregate(1, (a, d) => a * d);
        var features = new float[count * size];
        var labels = new int[count];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (var i = 0; i < count; i++)
        {
            labels[i] = (int)(random.NextDouble() * classes);
        }

        return Dataset.FromArrays($"random-{seed}", features, labels, shape, classes);
    }

    /// <summary>Separable blobs: class c is centred at +c on every feature.</summary>
    public static Dataset Blobs(int count, int features, int classes, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var values = new float[count * features];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (var f = 0; f < features; f++)
            {
                values[(i * features) + f] = labels[i] + (float)((random.NextDouble() - 0.5) * 0.8);
            }
        }

        return Dataset.FromArrays($"blobs-{seed}", values, labels, [features], classes);
    }

    public static double RelativeL2(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double difference = 0, norm = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            difference += Math.Pow(actual[i] - expected[i], 2);
            norm += Math.Pow(expected[i], 2);
        }

        return Math.Sqrt(difference / norm);
    }
}
