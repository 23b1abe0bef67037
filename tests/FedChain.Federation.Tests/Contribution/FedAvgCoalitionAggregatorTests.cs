using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class FedAvgCoalitionAggregatorTests
{
    [Fact]
    public void Aggregate_Coalition_WeightedMeanOfMembersOnly()
    {
        var round = new ContributionRound(
            1, new float[] { 1, 2 }, [Games.Update("0xa", 1, 4f, 0f), Games.Update("0xb", 3, 0f, 8f), Games.Update("0xc", 1, 100f, 100f)], null);
        var model = new float[2];

        FedAvgCoalitionAggregator.Instance.Aggregate(round, [0, 1], model);

        Assert.Equal([1 + 1f, 2 + 6f], model);
    }

    [Fact]
    public void Aggregate_LongVector_SimdBodyAndTailAgreeWithScalarFormula()
    {
        // 1003 elements: a SIMD body plus a scalar tail whatever the vector width.
        var (round, _) = Games.Random(3, 1003, seed: 5);
        var model = new float[1003];

        FedAvgCoalitionAggregator.Instance.Aggregate(round, [0, 1, 2], model);

        var n = round.Updates.Select(u => u.NumSamples).ToArray();
        var inverse = (float)(1.0 / n.Sum());
        for (var i = 0; i < model.Length; i++)
        {
            var sum = n[0] * round.Updates[0].Delta.Span[i];
            sum += n[1] * round.Updates[1].Delta.Span[i];
            sum += n[2] * round.Updates[2].Delta.Span[i];
            Assert.Equal(round.BaseModel.Span[i] + sum * inverse, model[i]);
        }
    }

    [Fact]
    public void Aggregate_EmptyCoalition_Throws()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 1, 1f)], null);

        Assert.Throws<ArgumentException>(() => FedAvgCoalitionAggregator.Instance.Aggregate(round, [], new float[1]));
    }
}
