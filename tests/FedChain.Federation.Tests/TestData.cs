using FedChain.Federation.Numerics;
using FedChain.Learning;

namespace FedChain.Federation.Tests;

internal static class TestData
{
    public static ParameterLayout SmallLayout { get; } = ParameterLayout.Sequential(("fc.weight", [2, 3]), ("fc.bias", [3]));

    public static ParameterLayout Layout(int length) => ParameterLayout.Sequential(("w", [length]));

    public static float[] RandomVector(int length, ulong seed, double scale = 1.0)
    {
        var random = new SeededRandom(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextGaussian() * scale);
        }

        return values;
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relativeTolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = relativeTolerance * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
        }
    }
}
