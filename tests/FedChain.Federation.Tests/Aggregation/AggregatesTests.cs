using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Tests.Aggregation;

public class AggregatesTests
{
    [Fact]
    public void CoordinateMedian_HandComputed_OddAndEven()
    {
        float[][] odd = [[1, 10], [3, -5], [2, 7]];
        float[][] even = [[1, 10], [3, -5], [2, 7], [100, 0]];

        Assert.Equal([2f, 7f], Aggregates.CoordinateMedian(odd));
        Assert.Equal([2.5f, 3.5f], Aggregates.CoordinateMedian(even));
    }

    [Fact]
    public void TrimmedMean_HandComputed()
    {
        float[][] updates = [[1], [2], [3], [4], [100]];

        // beta 0.2 of 5 drops one at each end: mean(2, 3, 4) = 3
        Assert.Equal([3f], Aggregates.TrimmedMean(updates, 0.2));
        Assert.Equal([22f], Aggregates.TrimmedMean(updates, 0.0));
    }

    [Fact]
    public void TrimmedMean_NothingLeft_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Aggregates.TrimmedMean([[1f], [2f]], 0.5));
    }

    [Fact]
    public void MedianAndTrimmedMean_FOutliers_StayWithinHonestRange()
    {
        const int length = 10_000;
        var honest = Enumerable.Range(0, 7).Select(k => TestData.RandomVector(length, (ulong)k, 0.1)).ToList();
        var attackers = Enumerable.Range(0, 3).Select(_ => Enumerable.Repeat(1e6f, length).ToArray());
        var all = honest.Concat(attackers).ToArray();

        var median = Aggregates.CoordinateMedian(all);
        var trimmed = Aggregates.TrimmedMean(all, 0.3);

        for (var i = 0; i < length; i++)
        {
            var lo = honest.Min(h => h[i]);
            var hi = honest.Max(h => h[i]);
            Assert.InRange(median[i], lo, hi);
            Assert.InRange(trimmed[i], lo, hi);
        }
    }

    [Fact]
    public void KrumScores_HandComputed()
    {
        // n = 5, f = 1: each score sums the n - f - 2 = 2 smallest squared distances.
        float[][] updates = [[0], [1], [2], [3], [10]];

        var scores = Aggregates.KrumScores(updates, 1);

        Assert.Equal([1 + 4.0, 1 + 1.0, 1 + 1.0, 1 + 4.0, 49 + 64.0], scores);
    }

    [Fact]
    public void Krum_HugeAttackers_PicksAnHonestUpdate()
    {
        const int length = 5_000;
        var honest = Enumerable.Range(0, 8).Select(k => TestData.RandomVector(length, (ulong)k + 50, 0.1)).ToList();
        var attackers = Enumerable.Range(0, 2).Select(k => TestData.RandomVector(length, (ulong)k + 500, 1e4)).ToList();
        var all = attackers.Concat(honest).ToArray();

        var selected = Aggregates.MultiKrumSelect(all, 2, 1);
        var multi = Aggregates.MultiKrumSelect(all, 2, 6);

        Assert.True(selected[0] >= 2);
        Assert.All(multi, k => Assert.True(k >= 2));
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(6, 2)]
    public void Krum_TooFewUpdates_RejectsConfiguration(int n, int f)
    {
        var updates = Enumerable.Range(0, n).Select(k => new float[] { k }).ToArray();

        var error = Assert.Throws<ArgumentException>(() => Aggregates.KrumScores(updates, f));

        Assert.Contains($"2f + 3 = {(2 * f) + 3}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiKrum_MTooLarge_Throws()
    {
        var updates = Enumerable.Range(0, 5).Select(k => new float[] { k }).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => Aggregates.MultiKrumSelect(updates, 1, 5));
    }

    [Fact]
    public void WeightedAverage_MismatchedLengths_NamesTheUpdate()
    {
        var error = Assert.Throws<ArgumentException>(() => Aggregates.WeightedAverage([[1f, 2f], [1f]], [1, 1]));

        Assert.Contains("update #1 has 1 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormClipping_ClipFactor()
    {
        Assert.Equal(1.0, NormClipping.ClipFactor(0.5, 1));
        Assert.Equal(0.25, NormClipping.ClipFactor(4, 1));
        Assert.Equal(1.0, NormClipping.ClipFactor(0, 1));
    }
}
