using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FedChain.Learning.Kernels;

/// <summary>
/// Single-precision matrix products for the layer shapes we train (k up to a few thousand,
/// m and n up to a few hundred). Two register-blocked kernels cover every case the layers need
/// without packing: <see cref="RowB"/> when B's rows are contiguous (C += A·B, A in any stride order)
/// and <see cref="Dot"/> when both operands are contiguous along k (C += A·Bᵀ).
/// Every element is summed in the same order whatever the tiling or thread split, so results are
/// bit-identical run to run. Vector256 with fused multiply-add is used on purpose: a wider vector
/// would change the summation order and so the bits between machines.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Below this many multiply-adds a product runs on the calling thread only.</summary>
    private const long ParallelThreshold = 200_000;

    /// <summary>C[m,n] (+)= Σp A(i,p)·B[p,j] where A(i,p) = a[i·ars + p·acs] and B rows are contiguous (stride ldb).</summary>
    public static void RowB(int m, int n, int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        var parts = Parts((long)m * n * k, n, 16);
        if (parts <= 1)
        {
            RowBSerial(m, n, k, a, ars, acs, b, ldb, c, ldc, accumulate);
            return;
        }

        var args = new Args { M = m, N = n, K = k, A = a, Ars = ars, Acs = acs, B = b, Ldb = ldb, C = c, Ldc = ldc, Accumulate = accumulate, Align = 16 };
        WorkerPool.Run(&RowBPart, &args, parts);
    }

    /// <summary>C[m,n] (+)= Σp A[i,p]·B[j,p]: both operands are row-major and contiguous along k.</summary>
    public static void Dot(int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        var parts = Parts((long)m * n * k, n, 3);
        if (parts <= 1)
        {
            DotSerial(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }

        var args = new Args { M = m, N = n, K = k, A = a, Ars = lda, B = b, Ldb = ldb, C = c, Ldc = ldc, Accumulate = accumulate, Align = 3 };
        WorkerPool.Run(&DotPart, &args, parts);
    }

    private static int Parts(long work, int n, int align) =>
        work < ParallelThreshold ? 1 : Math.Min(WorkerPool.Parallelism, Math.Max(1, n / align));

    private static (int Start, int Count) Range(int n, int align, int part, int parts)
    {
        var chunk = (n + parts - 1) / parts;
        chunk = (chunk + align - 1) / align * align;
        var start = Math.Min(n, part * chunk);
        return (start, Math.Min(n, start + chunk) - start);
    }

    private static void RowBPart(void* state, int part, int parts)
    {
        ref var s = ref Unsafe.AsRef<Args>(state);
        var (start, count) = Range(s.N, s.Align, part, parts);
        if (count > 0)
        {
            RowBSerial(s.M, count, s.K, s.A, s.Ars, s.Acs, s.B + start, s.Ldb, s.C + start, s.Ldc, s.Accumulate);
        }
    }

    private static void DotPart(void* state, int part, int parts)
    {
        ref var s = ref Unsafe.AsRef<Args>(state);
        var (start, count) = Range(s.N, s.Align, part, parts);
        if (count > 0)
        {
            DotSerial(s.M, count, s.K, s.A, s.Ars, s.B + ((long)start * s.Ldb), s.Ldb, s.C + start, s.Ldc, s.Accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RowBSerial(int m, int n, int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        var j = 0;
        for (; j + 16 <= n; j += 16)
        {
            var i = 0;
            for (; i + 6 <= m; i += 6)
            {
                Kernel6x16(k, a + ((long)i * ars), ars, acs, b + j, ldb, c + ((long)i * ldc) + j, ldc, accumulate);
            }

            for (; i + 4 <= m; i += 4)
            {
                Kernel4x16(k, a + ((long)i * ars), ars, acs, b + j, ldb, c + ((long)i * ldc) + j, ldc, accumulate);
            }

            for (; i < m; i++)
            {
                Kernel1x16(k, a + ((long)i * ars), acs, b + j, ldb, c + ((long)i * ldc) + j, accumulate);
            }
        }

        for (; j + 8 <= n; j += 8)
        {
            for (var i = 0; i < m; i++)
            {
                Kernel1x8(k, a + ((long)i * ars), acs, b + j, ldb, c + ((long)i * ldc) + j, accumulate);
            }
        }

        for (; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var ai = a + ((long)i * ars);
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    sum = MathF.FusedMultiplyAdd(ai[(long)p * acs], b[((long)p * ldb) + j], sum);
                }

                ref var target = ref c[((long)i * ldc) + j];
                target = accumulate ? target + sum : sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x16(int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a, a1 = a + ars, a2 = a + (2 * ars), a3 = a + (3 * ars), a4 = a + (4 * ars), a5 = a + (5 * ars);
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += ldb;
            var o = (long)p * acs;
            var x = Vector256.Create(a0[o]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[o]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[o]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a4[o]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a5[o]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
        }

        Store2(c, c00, c01, accumulate);
        Store2(c + ldc, c10, c11, accumulate);
        Store2(c + (2 * ldc), c20, c21, accumulate);
        Store2(c + (3 * ldc), c30, c31, accumulate);
        Store2(c + (4 * ldc), c40, c41, accumulate);
        Store2(c + (5 * ldc), c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x16(int k, float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        float* a0 = a, a1 = a + ars, a2 = a + (2 * ars), a3 = a + (3 * ars);
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += ldb;
            var o = (long)p * acs;
            var x = Vector256.Create(a0[o]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[o]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[o]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
        }

        Store2(c, c00, c01, accumulate);
        Store2(c + ldc, c10, c11, accumulate);
        Store2(c + (2 * ldc), c20, c21, accumulate);
        Store2(c + (3 * ldc), c30, c31, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1x16(int k, float* a, int acs, float* b, int ldb, float* c, bool accumulate)
    {
        Vector256<float> c0 = default, c1 = default;
        for (var p = 0; p < k; p++)
        {
            var x = Vector256.Create(a[(long)p * acs]);
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + 8), c1);
            b += ldb;
        }

        Store2(c, c0, c1, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel1x8(int k, float* a, int acs, float* b, int ldb, float* c, bool accumulate)
    {
        Vector256<float> c0 = default;
        for (var p = 0; p < k; p++)
        {
            c0 = Vector256.FusedMultiplyAdd(Vector256.Create(a[(long)p * acs]), Vector256.Load(b), c0);
            b += ldb;
        }

        (accumulate ? c0 + Vector256.Load(c) : c0).Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(float* c, Vector256<float> v0, Vector256<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
        }

        v0.Store(c);
        v1.Store(c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotSerial(int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            var j = 0;
            for (; j + 3 <= n; j += 3)
            {
                Dot4x3(k, a + ((long)i * lda), lda, b + ((long)j * ldb), ldb, c + ((long)i * ldc) + j, ldc, accumulate);
            }

            for (; j < n; j++)
            {
                for (var r = 0; r < 4; r++)
                {
                    Put(c + ((long)(i + r) * ldc) + j, Dot1x1(k, a + ((long)(i + r) * lda), b + ((long)j * ldb)), accumulate);
                }
            }
        }

        for (; i < m; i++)
        {
            var j = 0;
            for (; j + 3 <= n; j += 3)
            {
                Dot1x3(k, a + ((long)i * lda), b + ((long)j * ldb), ldb, c + ((long)i * ldc) + j, accumulate);
            }

            for (; j < n; j++)
            {
                Put(c + ((long)i * ldc) + j, Dot1x1(k, a + ((long)i * lda), b + ((long)j * ldb)), accumulate);
            }
        }
    }

    // All Dot variants reduce the same way (one 8-lane accumulator per element, lane sum, then the
    // scalar tail), so an element's value never depends on which kernel computed it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x3(int k, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        Vector256<float> s00 = default, s01 = default, s02 = default, s10 = default, s11 = default, s12 = default;
        Vector256<float> s20 = default, s21 = default, s22 = default, s30 = default, s31 = default, s32 = default;
        float* a0 = a, a1 = a + lda, a2 = a + (2 * lda), a3 = a + (3 * lda);
        float* b0 = b, b1 = b + ldb, b2 = b + (2 * ldb);
        var p = 0;
        for (; p + 8 <= k; p += 8)
        {
            var y0 = Vector256.Load(b0 + p);
            var y1 = Vector256.Load(b1 + p);
            var y2 = Vector256.Load(b2 + p);
            var x = Vector256.Load(a0 + p);
            s00 = Vector256.FusedMultiplyAdd(x, y0, s00);
            s01 = Vector256.FusedMultiplyAdd(x, y1, s01);
            s02 = Vector256.FusedMultiplyAdd(x, y2, s02);
            x = Vector256.Load(a1 + p);
            s10 = Vector256.FusedMultiplyAdd(x, y0, s10);
            s11 = Vector256.FusedMultiplyAdd(x, y1, s11);
            s12 = Vector256.FusedMultiplyAdd(x, y2, s12);
            x = Vector256.Load(a2 + p);
            s20 = Vector256.FusedMultiplyAdd(x, y0, s20);
            s21 = Vector256.FusedMultiplyAdd(x, y1, s21);
            s22 = Vector256.FusedMultiplyAdd(x, y2, s22);
            x = Vector256.Load(a3 + p);
            s30 = Vector256.FusedMultiplyAdd(x, y0, s30);
            s31 = Vector256.FusedMultiplyAdd(x, y1, s31);
            s32 = Vector256.FusedMultiplyAdd(x, y2, s32);
        }

        Put(c, Finish(s00, a0, b0, p, k), accumulate);
        Put(c + 1, Finish(s01, a0, b1, p, k), accumulate);
        Put(c + 2, Finish(s02, a0, b2, p, k), accumulate);
        Put(c + ldc, Finish(s10, a1, b0, p, k), accumulate);
        Put(c + ldc + 1, Finish(s11, a1, b1, p, k), accumulate);
        Put(c + ldc + 2, Finish(s12, a1, b2, p, k), accumulate);
        Put(c + (2 * ldc), Finish(s20, a2, b0, p, k), accumulate);
        Put(c + (2 * ldc) + 1, Finish(s21, a2, b1, p, k), accumulate);
        Put(c + (2 * ldc) + 2, Finish(s22, a2, b2, p, k), accumulate);
        Put(c + (3 * ldc), Finish(s30, a3, b0, p, k), accumulate);
        Put(c + (3 * ldc) + 1, Finish(s31, a3, b1, p, k), accumulate);
        Put(c + (3 * ldc) + 2, Finish(s32, a3, b2, p, k), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x3(int k, float* a, float* b, int ldb, float* c, bool accumulate)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default;
        float* b0 = b, b1 = b + ldb, b2 = b + (2 * ldb);
        var p = 0;
        for (; p + 8 <= k; p += 8)
        {
            var x = Vector256.Load(a + p);
            s0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b0 + p), s0);
            s1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b1 + p), s1);
            s2 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b2 + p), s2);
        }

        Put(c, Finish(s0, a, b0, p, k), accumulate);
        Put(c + 1, Finish(s1, a, b1, p, k), accumulate);
        Put(c + 2, Finish(s2, a, b2, p, k), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot1x1(int k, float* a, float* b)
    {
        Vector256<float> s = default;
        var p = 0;
        for (; p + 8 <= k; p += 8)
        {
            s = Vector256.FusedMultiplyAdd(Vector256.Load(a + p), Vector256.Load(b + p), s);
        }

        return Finish(s, a, b, p, k);
    }

    /// <summary>Σ x[0..n) in a fixed order (one 8-lane accumulator, lane sum, scalar tail), the same on every machine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(float* x, int n)
    {
        Vector256<float> lanes = default;
        var p = 0;
        for (; p + 8 <= n; p += 8)
        {
            lanes += Vector256.Load(x + p);
        }

        var sum = Vector256.Sum(lanes);
        for (; p < n; p++)
        {
            sum += x[p];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(Vector256<float> lanes, float* a, float* b, int p, int k)
    {
        var sum = Vector256.Sum(lanes);
        for (; p < k; p++)
        {
            sum = MathF.FusedMultiplyAdd(a[p], b[p], sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* c, float value, bool accumulate) => *c = accumulate ? *c + value : value;

    private struct Args
    {
        public int M, N, K, Ars, Acs, Ldb, Ldc, Align;
        public float* A, B, C;
        public bool Accumulate;
    }
}
