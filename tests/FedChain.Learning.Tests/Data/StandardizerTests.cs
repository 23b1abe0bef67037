using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class StandardizerTests
{
    [Fact]
    public void Fit_OnTrainingOnly_AppliesTrainingStatisticsToTest()
    {
        var train = Dataset.FromArrays("train", [1f, 5f, 3f, 5f], [0, 1], [2], 2);
        var test = Dataset.FromArrays("test", [3f, 7f], [1], [2], 2);
        var standardizer = Standardizer.Fit(train);
        Assert.Equal([2f, 5f], standardizer.Mean);
        Assert.Equal([1f, 1f], standardizer.StandardDeviation); // second feature constant: std 1
        Assert.Equal([-1f, 0f, 1f, 0f], standardizer.Apply(train).ToArrays().Features);
        Assert.Equal([1f, 2f], standardizer.Apply(test).ToArrays().Features);
    }

    [Fact]
    public void Apply_KeepsLabelsAndLineNumbersOfAView()
    {
        var data = CsvReader.Read(new StringReader("a,y\n1,0\n2,1\n4,1\n"), "t.csv", "y");
        var view = data.Subset([2, 0]);
        var scaled = Standardizer.Fit(view).Apply(view);
        Assert.Equal([1, 0], new[] { scaled.Label(0), scaled.Label(1) });
        Assert.Equal("line 4", scaled.DescribeSample(0));
    }

    [Fact]
    public void Apply_FeatureCountMismatch_Throws() =>
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() =>
            Standardizer.Fit(Dataset.FromArrays("a", [1f, 2f], [0], [2], 2)).Apply(Dataset.FromArrays("b", [1f, 2f, 3f], [0], [3], 2))).Message);
}
