using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class MnistHoldoutTests
{
    private static readonly Dataset Train = Dataset.FromArrays(
        "train", Enumerable.Range(0, 3000).Select(i => (float)i).ToArray(), Enumerable.Range(0, 3000).Select(i => i % 10).ToArray(), [1], 10);

    [Fact]
    public void ValidationAndWorkerPool_SplitTheTrainingSetWithoutOverlap()
    {
        var validation = MnistHoldout.Validation(Train);
        var pool = MnistHoldout.WorkerPool(Train);

        Assert.Equal(MnistHoldout.ValidationSamples, validation.Count);
        Assert.Equal(Train.Count - MnistHoldout.ValidationSamples, pool.Count);
        var held = Enumerable.Range(0, validation.Count).Select(i => validation.Features(i)[0]).ToHashSet();
        var pooled = Enumerable.Range(0, pool.Count).Select(i => pool.Features(i)[0]).ToHashSet();
        Assert.Empty(held.Intersect(pooled));
        Assert.Equal(Train.Count, held.Count + pooled.Count);
    }

    [Fact]
    public void Validation_IsTheTail()
    {
        var validation = MnistHoldout.Validation(Train);

        Assert.Equal(2000f, validation.Features(0)[0]);
        Assert.Equal(2999f, validation.Features(validation.Count - 1)[0]);
    }

    [Fact]
    public void Validation_MoreThanTheSet_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MnistHoldout.Validation(Train, 3000));

        Assert.StartsWith("train: a validation hold-out of 3000 from 3000 samples, expected 1..2999", error.Message, StringComparison.Ordinal);
    }
}
