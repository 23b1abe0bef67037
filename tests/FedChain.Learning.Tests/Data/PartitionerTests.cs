using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class PartitionerTests
{
    private static readonly Dataset Data = Labelled(6000);

    [Fact]
    public void Iid_CoversEverySampleOnceWithBalancedSizes()
    {
        var parts = Partitioner.Iid(Data, 7, seed: 1);
        Assert.Equal(7, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Count, 857, 858));
        AssertDisjointCover(parts, Data.Count);
    }

    [Fact]
    public void Shards_TwoShardsOfSortedLabelsPerClient()
    {
        // 6000 balanced samples, 10 clients × 2 shards of 300: each shard holds one label.
        var parts = Partitioner.Shards(Data, 10, seed: 3);
        Assert.All(parts, p => Assert.Equal(600, p.Count));
        Assert.All(parts, p => Assert.InRange(p.LabelCounts().Count(c => c > 0), 1, 2));
        AssertDisjointCover(parts, Data.Count);
    }

    [Fact]
    public void Dirichlet_SmallAlphaSkewsLabelsLargeAlphaDoesNot()
    {
        var skewed = Partitioner.Dirichlet(Data, 10, 0.1, seed: 4);
        var even = Partitioner.Dirichlet(Data, 10, 1000, seed: 4);
        AssertDisjointCover(skewed, Data.Count);
        AssertDisjointCover(even, Data.Count);
        double MaxShare(IReadOnlyList<Dataset> parts) => parts.Where(p => p.Count > 0).Average(p => (double)p.LabelCounts().Max() / p.Count);
        Assert.True(MaxShare(skewed) > 0.5, $"alpha 0.1: mean top-label share {MaxShare(skewed)}");
        Assert.True(MaxShare(even) < 0.15, $"alpha 1000: mean top-label share {MaxShare(even)}");
    }

    [Fact]
    public void AllSchemes_SameSeedSameSplit_OtherSeedOtherSplit()
    {
        Func<ulong, IReadOnlyList<Dataset>>[] schemes =
        [
            s => Partitioner.Iid(Data, 5, s),
            s => Partitioner.Shards(Data, 5, s),
            s => Partitioner.Dirichlet(Data, 5, 0.5, s),
        ];
        foreach (var scheme in schemes)
        {
            Assert.Equal(Signature(scheme(9)), Signature(scheme(9)));
            Assert.NotEqual(Signature(scheme(9)), Signature(scheme(10)));
        }
    }

    [Fact]
    public void Iid_TooManyClients_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.Iid(Labelled(3), 4, 0));

    private static string Signature(IReadOnlyList<Dataset> parts) =>
        string.Join("|", parts.Select(p => string.Join(",", Enumerable.Range(0, p.Count).Select(i => p.Features(i)[0]))));

    private static void AssertDisjointCover(IReadOnlyList<Dataset> parts, int count)
    {
        // Feature 0 of the synthetic data is the sample's index, so it identifies the sample.
        var seen = parts.SelectMany(p => Enumerable.Range(0, p.Count).Select(i => (int)p.Features(i)[0])).ToArray();
        Assert.Equal(count, seen.Length);
        Assert.Equal(count, seen.Distinct().Count());
    }

    private static Dataset Labelled(int count)
    {
        var features = Enumerable.Range(0, count).Select(i => (float)i).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => (i * 7) % 10).ToArray();
        return Dataset.FromArrays("labelled", features, labels, [1], 10);
    }
}
