using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void Subset_OfSubset_MapsToStorageRows()
    {
        var data = Dataset.FromArrays("d", [0f, 1f, 2f, 3f, 4f], [0, 1, 0, 1, 0], [1], 2);
        var view = data.Subset([4, 2, 1]).Subset([2, 0]);
        Assert.Equal(2, view.Count);
        Assert.Equal(1f, view.Features(0)[0]);
        Assert.Equal(4f, view.Features(1)[0]);
        Assert.Equal("item 1", view.DescribeSample(0));
    }

    [Fact]
    public void Subset_IndexOutOfRange_NamesPosition() =>
        Assert.Contains("position 1", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Dataset.FromArrays("d", [0f, 1f], [0, 1], [1], 2).Subset([0, 5])).Message);

    [Fact]
    public void FromArrays_LabelOutOfRange_NamesItem() =>
        Assert.Contains("item 1 has label 3, expected 0..1", Assert.Throws<ArgumentException>(() =>
            Dataset.FromArrays("d", [0f, 1f], [0, 3], [1], 2)).Message);

    [Fact]
    public void FromArrays_SizeMismatch_NamesExpectedCount() =>
        Assert.Contains("6 values expected, got 5", Assert.Throws<ArgumentException>(() =>
            Dataset.FromArrays("d", new float[5], [0, 1], [3], 2)).Message);
}
