using System.Collections.Concurrent;
using System.Security.Cryptography;
using FedChain.Federation.Numerics;

namespace FedChain.Federation.Contribution;

/// <summary>
/// A small, exact-norm fingerprint of an update: its SHA-256 (of the float32 bits), its L2 norm, and a
/// count sketch (Charikar et al. 2002) of 1024 signed buckets, so distances between updates, and to
/// updates of earlier rounds, can be estimated in O(1024) memory per update instead of O(parameters).
/// A vector and an exact copy have identical sketches; two independent updates are far apart.
/// </summary>
public sealed class UpdateSketch
{
    /// <summary>Buckets of the count sketch.</summary>
    public const int Buckets = 1024;

    private static readonly ConcurrentDictionary<int, int[]> Maps = new();

    private UpdateSketch(byte[] hash, double norm, double[] sketch)
    {
        Hash = hash;
        Norm = norm;
        Sketch = sketch;
    }

    /// <summary>SHA-256 of the update's float32 values (little-endian bytes).</summary>
    public byte[] Hash { get; }

    /// <summary>The update's exact L2 norm.</summary>
    public double Norm { get; }

    /// <summary>The count sketch: bucket b holds the signed sum of the coordinates hashed to b.</summary>
    public IReadOnlyList<double> Sketch { get; }

    /// <summary>Fingerprints <paramref name="update"/>; the bucket map depends only on the length, so sketches of equal-length vectors are comparable.</summary>
    public static UpdateSketch Of(ReadOnlySpan<float> update)
    {
        var map = Maps.GetOrAdd(update.Length, BuildMap);
        var sketch = new double[Buckets];
        for (var i = 0; i < update.Length; i++)
        {
            var entry = map[i];
            var value = (double)update[i];
            sketch[entry & (Buckets - 1)] += entry < 0 ? -value : value;
        }

        var hash = SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(update));
        return new UpdateSketch(hash, VectorMath.L2Norm(update), sketch);
    }

    /// <summary>
    /// Estimated ||a - b|| / max(||a||, ||b||): 0 for identical updates (and for two zero updates), about
    /// sqrt(2) for independent ones. Equal hashes give exactly 0.
    /// </summary>
    public double RelativeDistance(UpdateSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Hash.AsSpan().SequenceEqual(other.Hash))
        {
            return 0;
        }

        var scale = Math.Max(Norm, other.Norm);
        if (scale == 0)
        {
            return 0;
        }

        var squares = 0.0;
        for (var b = 0; b < Buckets; b++)
        {
            var d = Sketch[b] - other.Sketch[b];
            squares += d * d;
        }

        return Math.Sqrt(squares) / scale;
    }

    private static int[] BuildMap(int length)
    {
        // Bucket in the low bits, sign in the top bit, from SplitMix64 of the coordinate index: fixed by the length alone.
        var map = new int[length];
        for (var i = 0; i < length; i++)
        {
            var z = unchecked((ulong)i + 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            var bucket = (int)(z & (Buckets - 1));
            map[i] = (z >> 63) == 1 ? bucket | int.MinValue : bucket;
        }

        return map;
    }
}
