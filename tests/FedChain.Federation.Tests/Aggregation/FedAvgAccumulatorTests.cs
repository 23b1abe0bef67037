using FedChain.Federation.Aggregation;
using FedChain.Federation.Numerics;

namespace FedChain.Federation.Tests.Aggregation;

public class FedAvgAccumulatorTests
{
    [Fact]
    public void Result_HandComputed_WeightsBySamples()
    {
        var acc = new FedAvgAccumulator(2);
        acc.Fold([1f, 2f], 100);
        acc.Fold([4f, -1f], 300);

        // (100*[1,2] + 300*[4,-1]) / 400 = [3.25, -0.25]
        Assert.Equal([3.25f, -0.25f], acc.Result());
        Assert.Equal(400, acc.TotalWeight);
        Assert.Equal(2, acc.Count);
    }

    [Fact]
    public void Result_IdenticalUpdates_IsThatUpdate()
    {
        var update = TestData.RandomVector(50_000, 4);
        var acc = new FedAvgAccumulator(update.Length);
        foreach (var n in new long[] { 3, 1000, 17, 250 })
        {
            acc.Fold(update, n);
        }

        TestData.AssertClose(update, acc.Result(), 1e-6);
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Fold_AnyArrivalOrder_EqualsBatchFormula(ulong seed)
    {
        const int length = 40_000;
        const int clients = 9;
        var updates = Enumerable.Range(0, clients).Select(k => TestData.RandomVector(length, (ulong)k + 100)).ToArray();
        var samples = Enumerable.Range(0, clients).Select(k => (long)(10 + (k * 37 % 101))).ToArray();
        var total = samples.Sum();
        var batch = new float[length];
        for (var i = 0; i < length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < clients; k++)
            {
                sum += (double)samples[k] / total * updates[k][i];
            }

            batch[i] = (float)sum;
        }

        var order = Enumerable.Range(0, clients).ToList();
        new SeededRandom(seed).PartialShuffle(order, clients);
        var acc = new FedAvgAccumulator(length);
        foreach (var k in order)
        {
            acc.Fold(updates[k], samples[k]);
        }

        TestData.AssertClose(batch, acc.Result(), 1e-5);
    }

    [Fact]
    public void FoldMany_EqualsOneByOne()
    {
        const int length = 70_001;
        var updates = Enumerable.Range(0, 5).Select(k => TestData.RandomVector(length, (ulong)k)).ToArray();
        double[] weights = [5, 1, 3, 2, 9];
        var single = new FedAvgAccumulator(length);
        for (var k = 0; k < 5; k++)
        {
            single.Fold(updates[k], weights[k]);
        }

        var fused = new FedAvgAccumulator(length);
        fused.Fold(updates[0], weights[0]);
        fused.FoldMany(updates[1..].Select(u => (ReadOnlyMemory<float>)u).ToArray(), weights[1..]);

        TestData.AssertClose(single.Result(), fused.Result(), 1e-6);
        Assert.Equal(single.TotalWeight, fused.TotalWeight);
    }

    [Fact]
    public void Fold_Scale_ShrinksUpdateNotWeight()
    {
        var acc = new FedAvgAccumulator(1);
        acc.Fold([10f], 1, 0.5f);
        acc.Fold([2f], 1);

        Assert.Equal([3.5f], acc.Result());
    }

    [Fact]
    public void Result_Empty_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FedAvgAccumulator(3).Result());

        Assert.Contains("no update", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fold_NegativeWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FedAvgAccumulator(1).Fold([1f], -1));
    }
}
