using System.Numerics;
using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Rewards;

public class LargestRemainderTests
{
    [Fact]
    public void Split_EqualWeightsWithLeftover_TieGoesToSmallestId()
    {
        var parts = LargestRemainder.Split(10, new BigInteger[] { 1, 1, 1 }, ["0xb", "0xa", "0xc"]);

        Assert.Equal(new BigInteger[] { 3, 4, 3 }, parts);
    }

    [Fact]
    public void Split_LargestRemaindersGetTheLeftover()
    {
        // 100 * (1, 2, 4) / 7 = 14.29, 28.57, 57.14: floors sum to 99, the largest remainder (28.57) gets the unit.
        var parts = LargestRemainder.Split(100, new BigInteger[] { 1, 2, 4 }, ["0xa", "0xb", "0xc"]);

        Assert.Equal(new BigInteger[] { 14, 29, 57 }, parts);
    }

    [Fact]
    public void Split_AllWeightsZero_NothingAssigned()
    {
        var parts = LargestRemainder.Split(1000, new[] { 0.0, 0.0 }, ["0xa", "0xb"]);

        Assert.All(parts, p => Assert.Equal(BigInteger.Zero, p));
    }

    [Fact]
    public void Split_RandomInputs_PartsSumExactlyAndStayWithinOneOfProportional()
    {
        var rng = new Random(20261122);
        for (var trial = 0; trial < 500; trial++)
        {
            var n = rng.Next(1, 40);
            var total = new BigInteger(rng.NextInt64(0, long.MaxValue)) * rng.Next(1, 1_000_000);
            var scores = new double[n];
            var ids = new string[n];
            for (var k = 0; k < n; k++)
            {
                ids[k] = $"0x{rng.Next():x8}{k:x2}";
                scores[k] = rng.Next(5) switch
                {
                    0 => 0.0,
                    1 => rng.NextDouble() * 1e-300,
                    2 => rng.NextDouble() * 1e12,
                    _ => rng.NextDouble(),
                };
            }

            var parts = LargestRemainder.Split(total, scores, ids);

            var weights = LargestRemainder.ExactWeights(scores, ids);
            var sum = weights.Aggregate(BigInteger.Zero, (a, b) => a + b);
            Assert.Equal(sum.IsZero ? BigInteger.Zero : total, parts.Aggregate(BigInteger.Zero, (a, b) => a + b));
            for (var k = 0; k < n && !sum.IsZero; k++)
            {
                // |part - total * w / W| < 1, checked exactly: |part * W - total * w| < W.
                Assert.True(BigInteger.Abs(parts[k] * sum - total * weights[k]) < sum, $"trial {trial}, contributor {k}");
                Assert.True(weights[k].IsZero ? parts[k].IsZero : parts[k].Sign >= 0);
            }
        }
    }

    [Fact]
    public void ExactWeights_PowersOfTwoAndSubnormals_ExactRatios()
    {
        var weights = LargestRemainder.ExactWeights([0.5, 0.25, 0.0, double.Epsilon], ["a", "b", "c", "d"]);

        Assert.Equal(weights[1] * 2, weights[0]);
        Assert.Equal(BigInteger.Zero, weights[2]);
        Assert.Equal(BigInteger.One, weights[3]);
        Assert.Equal(BigInteger.Pow(2, 1073), weights[0]);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ExactWeights_InvalidScore_ThrowsNamingContributor(double bad)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.ExactWeights([1.0, bad], ["0xa", "0xb"]));
        Assert.Contains("'0xb'", e.Message);
    }

    [Fact]
    public void Split_NegativeTotal_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Split(-1, new BigInteger[] { 1 }, ["0xa"]));
    }
}
