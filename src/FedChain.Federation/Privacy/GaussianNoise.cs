using FedChain.Federation.Numerics;

namespace FedChain.Federation.Privacy;

/// <summary>Seeded Gaussian noise, reproducible from (seed, round).</summary>
public static class GaussianNoise
{
    /// <summary>values[i] += N(0, stddev^2), drawn from <see cref="SeededRandom"/>(seed, stream).</summary>
    public static void Add(Span<float> values, double stddev, ulong seed, ulong stream)
    {
        if (!(stddev >= 0) || !double.IsFinite(stddev))
        {
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev, "noise std must be finite and non-negative");
        }

        var random = new SeededRandom(seed, stream);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] + (stddev * random.NextGaussian()));
        }
    }
}
