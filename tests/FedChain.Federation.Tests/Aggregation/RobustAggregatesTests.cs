using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Tests.Aggregation;

public class RobustAggregatesTests
{
    // n = 7, f = 1: iterated Krum keeps 2, 3, 1, 4, 0 (worked by hand: scores 10, 9, 10, 1, 25 at each pass),
    // never 100; beta = 5 - 2 = 3 values closest to the median 2 are 1, 2, 3, mean 2.
    [Fact]
    public void Bulyan_HandComputed_DropsOutlierAndAveragesAroundMedian()
    {
        float[][] updates = [[0], [1], [2], [3], [4], [5], [100]];

        var (aggregate, selected) = RobustAggregates.Bulyan(updates, 1);

        Assert.Equal([2, 3, 1, 4, 0], selected);
        Assert.Equal([2f], aggregate);
    }

    [Fact]
    public void Bulyan_TwoCoordinates_TrimsEachAroundItsMedian()
    {
        // Iterated Krum keeps the four near (0.x, 10) and then (9, 10) over (0.15, 50) (nearest-neighbour distance
        // 324 against 1678); per coordinate the 3 values closest to the median: 0.1, 0.2, 0.3 and 10, 10, 10.
        float[][] updates = [[0, 10], [0.1f, 10], [0.2f, 10], [0.3f, 10], [0.15f, 50], [9, 10], [-9, 10]];

        var (aggregate, _) = RobustAggregates.Bulyan(updates, 1);

        Assert.Equal(10f, aggregate[1]);
        Assert.Equal(0.2f, aggregate[0], 6);
    }

    [Fact]
    public void Bulyan_FewerThanFourFPlusThree_RefusedWithTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => RobustAggregates.Bulyan([[0], [1], [2], [3], [4], [5]], 1));

        Assert.Contains("n >= 4f + 3 = 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CenteredClipping_OneIteration_HandComputed()
    {
        // From center 0 with tau 1: (3, 4) is clipped to (0.6, 0.8); (0.3, 0.4) and (0, 0) are within tau.
        float[][] updates = [[3, 4], [0.3f, 0.4f], [0, 0]];

        var (aggregate, factors) = RobustAggregates.CenteredClipping(updates, new float[2], 1, 1);

        TestData.AssertClose([0.3f, 0.4f], aggregate, 1e-6);
        Assert.Equal(0.2, factors[0], 12);
        Assert.Equal([1.0, 1.0], factors[1..]);
    }

    [Fact]
    public void CenteredClipping_TwoIterations_HandComputed()
    {
        // Second pass from v = (0.3, 0.4): (3, 4) - v = (2.7, 3.6) has norm 4.5 and clips to (0.6, 0.8); (0.3, 0.4) - v
        // is 0; (0, 0) - v = (-0.3, -0.4) is within tau; v += (0.3, 0.4) / 3 = (0.4, 0.5333).
        float[][] updates = [[3, 4], [0.3f, 0.4f], [0, 0]];

        var (aggregate, _) = RobustAggregates.CenteredClipping(updates, new float[2], 1, 2);

        TestData.AssertClose([0.4f, 1.6f / 3], aggregate, 1e-5);
    }

    [Fact]
    public void CenteredClipping_HugeAttacker_MovesAggregateByAtMostTauOverN()
    {
        float[][] honest = [[0.1f, 0], [0.1f, 0], [0.1f, 0], [0.1f, 0]];
        float[][] attacked = [.. honest, [1e6f, -1e6f]];

        var (clean, _) = RobustAggregates.CenteredClipping(honest.Append(honest[0]).ToArray(), [0.1f, 0], 0.5, 1);
        var (aggregate, _) = RobustAggregates.CenteredClipping(attacked, [0.1f, 0], 0.5, 1);

        var shift = Math.Sqrt(Math.Pow(aggregate[0] - clean[0], 2) + Math.Pow(aggregate[1] - clean[1], 2));
        Assert.True(shift <= (0.5 / 5) + 1e-6, $"shift {shift}");
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(-1.0, 1)]
    [InlineData(1.0, 0)]
    public void CenteredClipping_BadRadiusOrIterations_RefusedWithTheRule(double tau, int iterations)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RobustAggregates.CenteredClipping([[1f]], [0f], tau, iterations));

        Assert.Contains(tau <= 0 ? "radius tau > 0" : "L >= 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlTrust_HandComputed_TrustIsReluCosineAndMagnitudesAreNormalised()
    {
        // Server g0 = (1, 0). (2, 0): trust 1, rescaled to (1, 0). (0, 3): trust 0. (-1, 0): trust 0.
        // (1, 1): trust 1/sqrt2, rescaled to (1, 1)/sqrt2. Aggregate ((1, 0) + (0.5, 0.5)) / (1 + 1/sqrt2).
        float[][] updates = [[2, 0], [0, 3], [-1, 0], [1, 1]];

        var (aggregate, trust) = RobustAggregates.FlTrust(updates, [1, 0]);

        var total = 1 + (1 / Math.Sqrt(2));
        TestData.AssertClose([(float)(1.5 / total), (float)(0.5 / total)], aggregate, 1e-6);
        Assert.Equal(1.0, trust[0], 12);
        Assert.Equal(0.0, trust[1], 12);
        Assert.Equal(0.0, trust[2], 12);
        Assert.Equal(1 / Math.Sqrt(2), trust[3], 12);
    }

    [Fact]
    public void FlTrust_NoUpdateTrusted_AggregateIsZero()
    {
        var (aggregate, trust) = RobustAggregates.FlTrust([[-1, 0], [0, -2]], [1, 0]);

        Assert.Equal([0f, 0f], aggregate);
        Assert.All(trust, t => Assert.Equal(0, t));
    }

    [Fact]
    public void FlTrust_BoostedAttackerInServerDirection_HasNoMoreWeightThanHonest()
    {
        // Magnitude normalisation: a 1000x boost of an honest direction counts as that direction, once.
        var (aggregate, _) = RobustAggregates.FlTrust([[1, 0], [1000, 0]], [2, 0]);

        TestData.AssertClose([2f, 0f], aggregate, 1e-6);
    }
}
