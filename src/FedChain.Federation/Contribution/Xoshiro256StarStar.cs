using FedChain.Learning;

namespace FedChain.Federation.Contribution;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64: a small generator whose output is fixed by
/// its definition, unlike System.Random, so sampled permutations are the same on every runtime and machine.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    // The state and step are Learning's generator; this class keeps the round seeding and the bounded
    // draws the Shapley sampler has always used, so permutations stay bit-identical.
    private readonly DeterministicRandom _core;

    /// <summary>Seeds the four state words with four successive SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        _core = new DeterministicRandom(seed);
    }

    /// <summary>Starts from an explicit state (reference test vectors); the state must not be all zero.</summary>
    internal Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _core = DeterministicRandom.FromState(s0, s1, s2, s3);
    }

    /// <summary>The generator for a run's seed and a round: seed XOR (0x9E3779B97F4A7C15 * (round + 1)).</summary>
    public static Xoshiro256StarStar ForRound(ulong seed, long round) =>
        new(seed ^ unchecked(0x9E3779B97F4A7C15UL * (ulong)(round + 1)));

    /// <summary>One SplitMix64 step (Steele, Lea and Flood 2014).</summary>
    public static ulong SplitMix64(ref ulong state) => DeterministicRandom.SplitMix64(ref state);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>An unbiased integer in [0, bound) by Lemire's multiply-and-reject method.</summary>
    public int NextBelow(int bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be > 0");
        }

        var b = (ulong)bound;
        var m = (UInt128)NextUInt64() * b;
        var low = (ulong)m;
        if (low < b)
        {
            var threshold = unchecked(0UL - b) % b;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * b;
                low = (ulong)m;
            }
        }

        return (int)(ulong)(m >> 64);
    }

    /// <summary>Fisher-Yates shuffle of <paramref name="items"/> (from the last position down).</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
