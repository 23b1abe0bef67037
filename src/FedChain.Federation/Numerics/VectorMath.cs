using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FedChain.Federation.Numerics;

/// <summary>
/// The memory-bound kernels aggregation runs on: fused weighted accumulation, sums of squares and
/// distances. SIMD (Vector512 where the CPU has it, else Vector256) and split over the machine's
/// cores for long vectors. Pure functions of their arguments.
/// </summary>
public static class VectorMath
{
    /// <summary>How far ahead (in values) a single stream is prefetched: 4 KiB.</summary>
    internal const int PrefetchAhead = 1024;

    /// <summary>Below this many values a second thread costs more than it saves.</summary>
    internal const int ParallelThreshold = 1 << 15;

    /// <summary>Values per tile in the fused multi-update pass: 8 KiB of accumulator stays in L1 while every update's slice streams through.</summary>
    internal const int TileLength = 2048;

    /// <summary>
    /// accumulator[i] += weight * update[i] for every i, in one pass; split over the cores when
    /// <paramref name="parallel"/> and the vector is long (single-threaded suits a host that already
    /// runs one ingest per core, or a machine shared with other work).
    /// </summary>
    public static unsafe void FoldWeighted(Span<float> accumulator, ReadOnlySpan<float> update, float weight, bool parallel = true)
    {
        RequireSameLength(accumulator.Length, update.Length, nameof(update));
        fixed (float* a = accumulator)
        fixed (float* x = update)
        {
            if (!UseThreads(accumulator.Length, parallel))
            {
                FoldSerial(a, x, accumulator.Length, weight, overwrite: false, x + PrefetchAhead);
                return;
            }

            var pa = (nint)a;
            var px = (nint)x;
            ForRanges(accumulator.Length, (start, count) =>
                FoldSerial((float*)pa + start, (float*)px + start, count, weight, overwrite: false, (float*)px + start + PrefetchAhead));
        }
    }

    /// <summary>
    /// destination = (overwrite ? 0 : destination) + sum_k weights[k] * updates[k], fused: the
    /// destination is read and written once per call, tile by tile, while each update streams through once.
    /// </summary>
    public static unsafe void FoldWeightedMany(Span<float> destination, ReadOnlySpan<ReadOnlyMemory<float>> updates, ReadOnlySpan<float> weights, bool overwrite, bool parallel = true)
    {
        if (updates.Length != weights.Length)
        {
            throw new ArgumentException($"{updates.Length} updates but {weights.Length} weights", nameof(weights));
        }

        if (updates.Length == 0)
        {
            if (overwrite)
            {
                destination.Clear();
            }

            return;
        }

        var handles = new MemoryHandle[updates.Length];
        var pointers = new nint[updates.Length];
        var w = weights.ToArray();
        try
        {
            for (var k = 0; k < updates.Length; k++)
            {
                RequireSameLength(destination.Length, updates[k].Length, $"updates[{k}]");
                handles[k] = updates[k].Pin();
                pointers[k] = (nint)handles[k].Pointer;
            }

            fixed (float* d = destination)
            {
                var pd = (nint)d;
                var length = destination.Length;
                if (!UseThreads(length, parallel))
                {
                    FoldTiles(pd, pointers, w, 0, length, overwrite);
                }
                else
                {
                    ForRanges(length, (start, count) => FoldTiles(pd, pointers, w, start, count, overwrite));
                }
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>Sum of squares accumulated in float64; it is finite exactly when every value is finite (float32 squares cannot overflow a double).</summary>
    public static unsafe double SumOfSquares(ReadOnlySpan<float> values)
    {
        if (!UseThreads(values.Length))
        {
            return SumOfSquaresSerial(values);
        }

        var partial = new double[(values.Length + ChunkValues - 1) / ChunkValues];
        fixed (float* x = values)
        {
            var px = (nint)x;
            var length = values.Length;
            const int chunk = ChunkValues;
            Parallel.For(0, (length + chunk - 1) / chunk, part =>
            {
                var start = part * chunk;
                var count = Math.Min(chunk, length - start);
                partial[part] = SumOfSquaresSerial(new ReadOnlySpan<float>((float*)px + start, count));
            });
        }

        var sum = 0.0;
        foreach (var p in partial)
        {
            sum += p;
        }

        return sum;
    }

    /// <summary>Euclidean norm, float64; NaN or infinity when any value is not finite.</summary>
    public static double L2Norm(ReadOnlySpan<float> values) => Math.Sqrt(SumOfSquares(values));

    /// <summary>Squared Euclidean distance accumulated in float64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        RequireSameLength(x.Length, y.Length, nameof(y));
        ref var a = ref MemoryMarshal.GetReference(x);
        ref var b = ref MemoryMarshal.GetReference(y);
        var n = x.Length;
        var i = 0;
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
                var (lo, hi) = Vector256.Widen(d);
                acc0 = Vector256.FusedMultiplyAdd(lo, lo, acc0);
                acc1 = Vector256.FusedMultiplyAdd(hi, hi, acc1);
            }
        }

        var sum = Vector256.Sum(acc0 + acc1);
        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            sum += d * d;
        }

        return sum;
    }

    /// <summary>values[i] *= factor for every i.</summary>
    public static void Scale(Span<float> values, float factor) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, factor, values);

    private static bool UseThreads(int length, bool parallel = true) => parallel && length >= ParallelThreshold && Environment.ProcessorCount > 1;

    /// <summary>
    /// Values per parallel work item: 256 KiB of floats, a whole number of tiles. Many small chunks
    /// handed out dynamically rather than one half per core: on a shared machine a preempted helper
    /// thread then delays the caller by one chunk, not by half the vector.
    /// </summary>
    internal const int ChunkValues = 64 * 1024;

    private static void ForRanges(int length, Action<int, int> body)
    {
        const int chunk = ChunkValues;
        Parallel.For(0, (length + chunk - 1) / chunk, part =>
        {
            var start = part * chunk;
            body(start, Math.Min(chunk, length - start));
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void FoldTiles(nint destination, nint[] updates, float[] weights, int start, int count, bool overwrite)
    {
        var end = start + count;
        for (var t = start; t < end; t += TileLength)
        {
            var n = Math.Min(TileLength, end - t);
            var d = (float*)destination + t;
            for (var k = 0; k < updates.Length; k++)
            {
                var next = k + 1 < updates.Length ? (float*)updates[k + 1] + t : (float*)updates[0] + t + TileLength;
                FoldSerial(d, (float*)updates[k] + t, n, weights[k], overwrite && k == 0, next);
            }
        }
    }

    // a[i] = (overwrite ? 0 : a[i]) + weight * x[i]. Software prefetch of prefetch[i]: the hardware
    // prefetchers of the VMs this runs on keep too few lines in flight for a DRAM stream, so the
    // caller names what it will read next (the next update's tile, or this stream further on).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void FoldSerial(float* a, float* x, int n, float weight, bool overwrite, float* prefetch)
    {
        var i = 0;
        var usePrefetch = Sse.IsSupported && prefetch != null;
        if (Vector512.IsHardwareAccelerated)
        {
            var w = Vector512.Create(weight);
            for (; i <= n - 64; i += 64)
            {
                if (usePrefetch)
                {
                    Sse.Prefetch0(prefetch + i);
                    Sse.Prefetch0(prefetch + i + 16);
                    Sse.Prefetch0(prefetch + i + 32);
                    Sse.Prefetch0(prefetch + i + 48);
                }

                var a0 = overwrite ? Vector512<float>.Zero : Vector512.Load(a + i);
                var a1 = overwrite ? Vector512<float>.Zero : Vector512.Load(a + i + 16);
                var a2 = overwrite ? Vector512<float>.Zero : Vector512.Load(a + i + 32);
                var a3 = overwrite ? Vector512<float>.Zero : Vector512.Load(a + i + 48);
                Vector512.FusedMultiplyAdd(Vector512.Load(x + i), w, a0).Store(a + i);
                Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 16), w, a1).Store(a + i + 16);
                Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 32), w, a2).Store(a + i + 32);
                Vector512.FusedMultiplyAdd(Vector512.Load(x + i + 48), w, a3).Store(a + i + 48);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            for (; i <= n - 32; i += 32)
            {
                if (usePrefetch)
                {
                    Sse.Prefetch0(prefetch + i);
                    Sse.Prefetch0(prefetch + i + 16);
                }

                var a0 = overwrite ? Vector256<float>.Zero : Vector256.Load(a + i);
                var a1 = overwrite ? Vector256<float>.Zero : Vector256.Load(a + i + 8);
                var a2 = overwrite ? Vector256<float>.Zero : Vector256.Load(a + i + 16);
                var a3 = overwrite ? Vector256<float>.Zero : Vector256.Load(a + i + 24);
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i), w, a0).Store(a + i);
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 8), w, a1).Store(a + i + 8);
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 16), w, a2).Store(a + i + 16);
                Vector256.FusedMultiplyAdd(Vector256.Load(x + i + 24), w, a3).Store(a + i + 24);
            }
        }

        for (; i < n; i++)
        {
            a[i] = MathF.FusedMultiplyAdd(x[i], weight, overwrite ? 0f : a[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double SumOfSquaresSerial(ReadOnlySpan<float> values)
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var n = values.Length;
        var i = 0;
        var sum = 0.0;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc0 = Vector512<double>.Zero;
            var acc1 = Vector512<double>.Zero;
            var acc2 = Vector512<double>.Zero;
            var acc3 = Vector512<double>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var (l0, h0) = Vector512.Widen(Vector512.LoadUnsafe(ref x, (nuint)i));
                var (l1, h1) = Vector512.Widen(Vector512.LoadUnsafe(ref x, (nuint)i + 16));
                acc0 = Vector512.FusedMultiplyAdd(l0, l0, acc0);
                acc1 = Vector512.FusedMultiplyAdd(h0, h0, acc1);
                acc2 = Vector512.FusedMultiplyAdd(l1, l1, acc2);
                acc3 = Vector512.FusedMultiplyAdd(h1, h1, acc3);
            }

            sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var (l0, h0) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)i));
                acc0 = Vector256.FusedMultiplyAdd(l0, l0, acc0);
                acc1 = Vector256.FusedMultiplyAdd(h0, h0, acc1);
            }

            sum = Vector256.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref x, i);
            sum += v * v;
        }

        return sum;
    }

    private static void RequireSameLength(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{what} has {actual} values, expected {expected}");
        }
    }
}
