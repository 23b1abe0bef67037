using FedChain.Tasks.Preprocessing;

namespace FedChain.Tasks.Tests.Preprocessing;

public sealed class StatisticsMergeTests
{
    private static readonly FeatureStatistics A = FeatureStatistics.Compute(FeatureStatisticsTests.Table(rows: 40, seed: 1, offset: 2, scale: 3));
    private static readonly FeatureStatistics B = FeatureStatistics.Compute(FeatureStatisticsTests.Table(rows: 70, seed: 2, offset: -1, scale: 5));
    private static readonly FeatureStatistics C = FeatureStatistics.Compute(FeatureStatisticsTests.Table(rows: 25, seed: 3, offset: 9, scale: 1));

    [Fact]
    public void Merge_ArrivalOrder_DoesNotChangeTheResult()
    {
        var one = StatisticsMerge.Merge([new("0xbb", B), new("0xaa", A), new("0xcc", C)], 3);
        var two = StatisticsMerge.Merge([new("0xcc", C), new("0xbb", B), new("0xaa", A)], 3);

        Assert.Equal(["0xaa", "0xbb", "0xcc"], one.Included);
        Assert.Equal(Standardisation.FromStatistics(one.Merged!).Hash, Standardisation.FromStatistics(two.Merged!).Hash);
        Assert.Equal(one.Merged!.Sum, two.Merged!.Sum);
    }

    [Fact]
    public void Merge_BadSites_AreLeftOutWithTheirReason_TheRestMerge()
    {
        var result = StatisticsMerge.Merge(
            [new("0xaa", A), new("0xdd", new FeatureStatistics(50, [1.0, double.PositiveInfinity, 1.0], [1.0, 1.0, 1.0])),
             new("0xee", new FeatureStatistics(3, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0])), new("0xff", new FeatureStatistics(50, [1.0], [1.0])), new("0xbb", B)], 3);

        Assert.Equal(["0xaa", "0xbb"], result.Included);
        Assert.Equal(110, result.Merged!.Count);
        Assert.Equal(["0xdd", "0xee", "0xff"], result.Rejected.Select(r => r.Key));
        Assert.Equal("0xee: feature statistics over 3 samples, expected at least 10", result.Rejected[1].Value);
        Assert.StartsWith("0xff: feature statistics cover 1 sums", result.Rejected[2].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DuplicateReport_CountsOnce()
    {
        var result = StatisticsMerge.Merge([new("0xaa", A), new("0xaa", B)], 3);

        Assert.Equal(["0xaa"], result.Included);
        Assert.Equal(40, result.Merged!.Count);
        Assert.Equal("reported twice; only its first report counts", Assert.Single(result.Rejected).Value);
    }

    [Fact]
    public void Merge_NoUsableSite_GivesNoStatistics()
    {
        var result = StatisticsMerge.Merge([new("0xee", new FeatureStatistics(3, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]))], 3);

        Assert.Null(result.Merged);
        Assert.Empty(result.Included);
    }
}
