using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Tasks.Tests.Preprocessing;

public sealed class FeatureStatisticsTests
{
    [Fact]
    public void Merge_SitesOfOneDataset_EqualsTheCentralStatistics()
    {
        var all = Table(rows: 600, seed: 1, offset: 50, scale: 7);
        var sites = new[] { Rows(all, 0, 100), Rows(all, 100, 350), Rows(all, 450, 150) };

        var merged = Standardisation.FromStatistics(FeatureStatistics.Merge(sites.Select(FeatureStatistics.Compute)));
        var central = Standardizer.Fit(all);

        for (var j = 0; j < all.FeatureCount; j++)
        {
            Assert.Equal(central.Mean[j], merged.Mean[j], 4);
            Assert.Equal(central.StandardDeviation[j], merged.Std[j], 4);
        }
    }

    [Fact]
    public void Hash_SameValues_SameHash_AnyChangedValue_AnotherHash()
    {
        var statistics = new FeatureStatistics(20, [1.5, -2], [3, 4]);
        var hash = Convert.ToHexString(statistics.Hash());

        Assert.Equal(hash, Convert.ToHexString(new FeatureStatistics(20, [1.5, -2], [3, 4]).Hash()));
        Assert.Equal(32, statistics.Hash().Length);
        Assert.NotEqual(hash, Convert.ToHexString((statistics with { Count = 21 }).Hash()));
        Assert.NotEqual(hash, Convert.ToHexString((statistics with { Sum = [1.5, -2.0000001] }).Hash()));
        Assert.NotEqual(hash, Convert.ToHexString((statistics with { SquaredDeviations = [4, 3] }).Hash()));
        // Sums and squared deviations are not interchangeable: the layout names which is which.
        Assert.NotEqual(hash, Convert.ToHexString(new FeatureStatistics(20, [3, 4], [1.5, -2]).Hash()));
    }

    [Fact]
    public void Merge_SameSitesSameOrder_IsBitIdentical()
    {
        var all = Table(rows: 300, seed: 2, offset: 3, scale: 2);
        var stats = new[] { Rows(all, 0, 10), Rows(all, 10, 200), Rows(all, 210, 90) }.Select(FeatureStatistics.Compute).ToArray();

        var a = Standardisation.FromStatistics(FeatureStatistics.Merge(stats));
        var b = Standardisation.FromStatistics(FeatureStatistics.Merge(stats.ToArray()));

        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.Mean, b.Mean);
    }

    [Fact]
    public void Merge_LargeMeanSmallSpread_KeepsTheVariance()
    {
        // Values 1e6 + {0, 0.5, 1, 1.5}: Σx² is 4e13 against Σ(x - mean)² of 7.5, where Σx² - (Σx)²/n cancels most digits.
        var features = Enumerable.Range(0, 40).Select(i => 1_000_000f + (i % 4 * 0.5f)).ToArray();
        var data = Dataset.FromArrays("large", features, new int[40], [1], 2);
        var exact = Math.Sqrt(Enumerable.Range(0, 40).Select(i => Math.Pow((i % 4 * 0.5) - 0.75, 2)).Average());

        var merged = FeatureStatistics.Merge([FeatureStatistics.Compute(Rows(data, 0, 13)), FeatureStatistics.Compute(Rows(data, 13, 27))]);

        Assert.Equal(exact, Standardisation.FromStatistics(merged).Std[0], 6);
    }

    [Fact]
    public void Merge_SiteWithOtherFeatureCount_IsNamed()
    {
        var good = FeatureStatistics.Compute(Table(rows: 10, seed: 3, offset: 0, scale: 1));
        var bad = new FeatureStatistics(5, [1.0], [1.0]);

        var error = Assert.Throws<ArgumentException>(() => FeatureStatistics.Merge([good, bad]));

        Assert.Equal("site 1: feature statistics cover 1 sums and 1 squared deviations, expected 3 features", error.Message);
    }

    [Theory]
    [InlineData(0, 1.0, 1.0, "site 0: feature statistics over 0 samples, expected at least 1")]
    [InlineData(3, double.NaN, 1.0, "site 0: feature 0 has sum NaN and squared deviations 1, expected finite values, squared deviations >= 0")]
    [InlineData(3, 1.0, -1.0, "site 0: feature 0 has sum 1 and squared deviations -1, expected finite values, squared deviations >= 0")]
    public void Check_UnusableSite_IsNamed(long count, double sum, double squares, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => FeatureStatistics.Merge([new FeatureStatistics(count, [sum], [squares])]));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void FromStatistics_ConstantFeature_GetsStdOne()
    {
        var data = Dataset.FromArrays("constant", [5f, 5f, 5f], [0, 1, 0], [1], 2);

        var standardisation = Standardisation.FromStatistics(FeatureStatistics.Compute(data));

        Assert.Equal(1f, standardisation.Std[0]);
        Assert.Equal([0f, 0f, 0f], standardisation.Apply(data).ToArrays().Features);
    }

    internal static Dataset Table(int rows, ulong seed, float offset, float scale)
    {
        var random = new DeterministicRandom(seed);
        var features = new float[rows * 3];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = offset + (scale * (float)random.NextDouble() * (1 + (i % 3)));
        }

        return Dataset.FromArrays("table", features, Enumerable.Range(0, rows).Select(i => i % 2).ToArray(), [3], 2);
    }

    private static Dataset Rows(Dataset data, int start, int count) => data.Subset(Enumerable.Range(start, count).ToArray());
}
