using FedChain.Learning.Kernels;

namespace FedChain.Learning.Tests.Kernels;

public sealed unsafe class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 7, 3)]
    [InlineData(6, 16, 9)]
    [InlineData(10, 200, 784)]
    [InlineData(13, 37, 29)]
    [InlineData(64, 196, 800)]
    public void RowB_AllStrideOrders_MatchNaiveProduct(int m, int n, int k)
    {
        var random = new DeterministicRandom((ulong)(m * 1000 + n * 10 + k));
        var a = Random(m * k, random);
        var b = Random(k * n, random);
        var expected = Naive(m, n, k, (i, p) => a[(i * k) + p], (p, j) => b[(p * n) + j]);
        var c = Random(m * n, random);
        var start = c.ToArray();
        fixed (float* pa = a, pb = b, pc = c)
        {
            Gemm.RowB(m, n, k, pa, k, 1, pb, n, pc, n, accumulate: false);
        }

        AssertClose(expected, c, k);

        // Aᵀ stored: A(i,p) = at[p, i]; and accumulate into the old C.
        var at = Transpose(a, m, k);
        fixed (float* pa = at, pb = b, pc = start)
        {
            Gemm.RowB(m, n, k, pa, 1, m, pb, n, pc, n, accumulate: true);
        }

        AssertClose(expected.Zip(c.Length == 0 ? [] : Start(m, n, k), (e, s) => e + s).ToArray(), start, k);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 3, 8)]
    [InlineData(10, 200, 784)]
    [InlineData(7, 11, 13)]
    [InlineData(64, 512, 3136)]
    public void Dot_MatchesNaiveProductWithTransposedB(int m, int n, int k)
    {
        var random = new DeterministicRandom((ulong)(m * 1000 + n * 10 + k));
        var a = Random(m * k, random);
        var b = Random(n * k, random);
        var expected = Naive(m, n, k, (i, p) => a[(i * k) + p], (p, j) => b[(j * k) + p]);
        var c = new float[m * n];
        fixed (float* pa = a, pb = b, pc = c)
        {
            Gemm.Dot(m, n, k, pa, k, pb, k, pc, n, accumulate: false);
        }

        AssertClose(expected, c, k);
    }

    [Fact]
    public void Dot_SerialAndParallel_AreBitIdentical()
    {
        var random = new DeterministicRandom(5);
        int m = 64, n = 200, k = 784;
        var a = Random(m * k, random);
        var b = Random(n * k, random);
        var parallel = new float[m * n];
        var serial = new float[m * n];
        fixed (float* pa = a, pb = b, pp = parallel, ps = serial)
        {
            Gemm.Dot(m, n, k, pa, k, pb, k, pp, n, accumulate: false);
            Gemm.DotSerial(m, n, k, pa, k, pb, k, ps, n, accumulate: false);
        }

        Assert.Equal(serial, parallel);
    }

    private static float[] Start(int m, int n, int k)
    {
        // Recreates the initial C of RowB_AllStrideOrders_MatchNaiveProduct from the same seed.
        var random = new DeterministicRandom((ulong)(m * 1000 + n * 10 + k));
        Random(m * k, random);
        Random(k * n, random);
        return Random(m * n, random);
    }

    private static float[] Random(int count, DeterministicRandom random) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static float[] Transpose(float[] a, int rows, int cols)
    {
        var t = new float[a.Length];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = a[(i * cols) + j];
            }
        }

        return t;
    }

    private static float[] Naive(int m, int n, int k, Func<int, int, float> a, Func<int, int, float> b)
    {
        var c = new float[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a(i, p) * b(p, j);
                }

                c[(i * n) + j] = (float)sum;
            }
        }

        return c;
    }

    private static void AssertClose(float[] expected, float[] actual, int k)
    {
        var tolerance = 1e-6 * Math.Sqrt(k) * 4;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])) + 1e-5, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
