using FedChain.Learning.Data;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Tasks.Tests.Preprocessing;

public sealed class StandardisationTests
{
    [Fact]
    public void Apply_FixedValues_ScalesEachFeature()
    {
        var data = Dataset.FromArrays("t", [1f, 10f, 3f, 30f], [0, 1], [2], 2);

        var scaled = Standardisation.Fixed([1, 20], [2, 10]).Apply(data);

        Assert.Equal([0f, -1f, 1f, 1f], scaled.ToArrays().Features);
        Assert.Equal([0, 1], scaled.ToArrays().Labels);
    }

    [Fact]
    public void Hash_SameValues_Agree_OtherValues_Differ()
    {
        Assert.Equal(Standardisation.Fixed([1, 2], [3, 4]).Hash, Standardisation.Fixed([1, 2], [3, 4]).Hash);
        Assert.NotEqual(Standardisation.Fixed([1, 2], [3, 4]).Hash, Standardisation.Fixed([1, 2], [3, 4.0001]).Hash);
        Assert.NotEqual(Standardisation.Fixed([1, 2], [3, 4]).Hash, Standardisation.Fixed([2, 1], [4, 3]).Hash);
        Assert.Matches("^0x[0-9a-f]{64}$", Standardisation.Identity(3).Hash);
    }

    [Fact]
    public void ForTask_EachMode_GivesItsStandardisation()
    {
        var federated = TaskFile.Parse(TaskFileTests.Tabular, "task.json", "/d").Definition;
        var fixedTask = federated with { Input = federated.Input with { Standardisation = new() { Mode = "fixed", Mean = [1, 2], Std = [3, 4] } } };
        var none = federated with { Input = federated.Input with { Standardisation = new() { Mode = "none" } } };
        var merged = new FeatureStatistics(4, [4.0, 8.0], [16.0, 4.0]);

        Assert.Equal([1f, 2f], Standardisation.ForTask(fixedTask).Mean);
        Assert.Equal([1f, 1f], Standardisation.ForTask(none).Std);
        var fromSites = Standardisation.ForTask(federated, merged);
        Assert.Equal([1f, 2f], fromSites.Mean);
        Assert.Equal([2f, 1f], fromSites.Std);
    }

    [Fact]
    public void ForTask_FederatedWithoutStatistics_IsRefused()
    {
        var task = TaskFile.Parse(TaskFileTests.Tabular, "task.json", "/d").Definition;

        var error = Assert.Throws<ArgumentException>(() => Standardisation.ForTask(task));

        Assert.Equal("task 'wdbc': input.standardisation is \"federated\" but no merged site statistics were given", error.Message);
    }
}
