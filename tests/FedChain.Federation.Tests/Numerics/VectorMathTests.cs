using FedChain.Federation.Numerics;

namespace FedChain.Federation.Tests.Numerics;

public class VectorMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(1000)]
    [InlineData(100_003)]
    public void FoldWeighted_AnyLength_MatchesScalarLoop(int length)
    {
        var acc = TestData.RandomVector(length, 1);
        var x = TestData.RandomVector(length, 2);
        var expected = acc.Select((a, i) => (float)(a + (0.37 * x[i]))).ToArray();

        VectorMath.FoldWeighted(acc, x, 0.37f);

        TestData.AssertClose(expected, acc, 1e-6);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(4099, true)]
    [InlineData(70_001, false)]
    [InlineData(70_001, true)]
    public void FoldWeightedMany_MatchesSequentialFolds(int length, bool overwrite)
    {
        var updates = Enumerable.Range(0, 7).Select(k => TestData.RandomVector(length, (ulong)k + 10)).ToArray();
        float[] weights = [0.1f, 0.2f, 0.05f, 0.3f, 0.15f, 0.1f, 0.1f];
        var start = TestData.RandomVector(length, 99);
        var expected = overwrite ? new float[length] : (float[])start.Clone();
        for (var k = 0; k < updates.Length; k++)
        {
            for (var i = 0; i < length; i++)
            {
                expected[i] += weights[k] * updates[k][i];
            }
        }

        var actual = (float[])start.Clone();
        VectorMath.FoldWeightedMany(actual, updates.Select(u => (ReadOnlyMemory<float>)u).ToArray(), weights, overwrite);

        TestData.AssertClose(expected, actual, 1e-5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100_001)]
    public void SumOfSquares_MatchesDoubleLoop(int length)
    {
        var x = TestData.RandomVector(length, 5);
        var expected = x.Sum(v => (double)v * v);

        Assert.Equal(expected, VectorMath.SumOfSquares(x), expected * 1e-12);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void SumOfSquares_NonFiniteValue_IsNotFinite(float bad)
    {
        var x = TestData.RandomVector(100_001, 5);
        x[77_777] = bad;

        Assert.False(double.IsFinite(VectorMath.SumOfSquares(x)));
    }

    [Fact]
    public void SumOfSquares_LargestFloats_StaysFinite()
    {
        var x = Enumerable.Repeat(float.MaxValue, 1000).ToArray();

        Assert.True(double.IsFinite(VectorMath.SumOfSquares(x)));
    }

    [Fact]
    public void SquaredDistance_HandComputed()
    {
        Assert.Equal(1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 81.0, VectorMath.SquaredDistance([1, 2, 3, 4, 5, 6, 7, 8, 9], new float[9]));
    }

    [Fact]
    public void FoldWeighted_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorMath.FoldWeighted(new float[3], new float[4], 1f));

        Assert.Contains("4 values, expected 3", error.Message, StringComparison.Ordinal);
    }
}
