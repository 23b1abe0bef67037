using FedChain.Learning;

namespace FedChain.Federation.Numerics;

/// <summary>
/// xoshiro256** seeded through SplitMix64 from (seed, stream): a fully specified generator, so client
/// sampling and DP noise can be recomputed by anyone (System.Random's seeded sequence is not a spec).
/// </summary>
public sealed class SeededRandom
{
    // The xoshiro256** state and step are Learning's; this class adds the stream derivation and draws the
    // federation code has always used, so every stream stays bit-identical.
    private readonly DeterministicRandom _core;
    private double? _spareGaussian;

    /// <summary>A generator for one (seed, stream) pair, e.g. (run seed, round number).</summary>
    public SeededRandom(ulong seed, ulong stream = 0)
    {
        _core = new DeterministicRandom(seed ^ (stream * 0xD1B54A32D192ED03UL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive), without modulo bias (rejection sampling).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>Standard normal draw (Marsaglia polar method, spare kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>Fisher-Yates shuffle of the first <paramref name="count"/> positions (a uniform sample without replacement lands there).</summary>
    public void PartialShuffle<T>(IList<T> items, int count)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = 0; i < Math.Min(count, items.Count); i++)
        {
            var j = i + NextInt(items.Count - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

}
