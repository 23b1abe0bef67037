using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class ContributionRoundTests
{
    [Fact]
    public void Constructor_AnyArrivalOrder_SortsByContributorId()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xc", 1, 1f), Games.Update("0xa", 1, 1f), Games.Update("0xb", 1, 1f)], null);

        Assert.Equal(["0xa", "0xb", "0xc"], round.Updates.Select(u => u.ContributorId));
        Assert.IsType<FedAvgCoalitionAggregator>(round.Aggregator);
    }

    [Fact]
    public void Constructor_WrongDeltaLength_ThrowsNamingContributor()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ContributionRound(1, new float[] { 0, 0 }, [Games.Update("0xa", 1, 1f)], null));
        Assert.Contains("('0xa') has 1 values, the base model has 2", e.Message);
    }

    [Fact]
    public void Constructor_DuplicateId_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ContributionRound(7, new float[] { 0 }, [Games.Update("0xAB", 1, 1f), Games.Update("0xab", 1, 1f)], null));
        Assert.Contains("appears twice in round 7", e.Message);
    }

    [Fact]
    public void Constructor_ZeroSamples_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 0, 1f)], null));
        Assert.Contains("NumSamples 0", e.Message);
    }

    [Fact]
    public void FromLocalModel_Delta_IsLocalMinusBase()
    {
        var update = ContributorUpdate.FromLocalModel("0xa", 3, [1.5f, -2f], [0.5f, 1f]);

        Assert.Equal([1f, -3f], update.Delta.ToArray());
        Assert.Throws<ArgumentException>(() => ContributorUpdate.FromLocalModel("0xa", 3, [1f], [0f, 0f]));
    }

    [Fact]
    public void Score_ReportsAggregatorName()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 1, 1f)], Games.DistanceTo([1f]));

        Assert.Equal("fedavg", new LeaveOneOutContributionPolicy().Score(round).Aggregator);
        Assert.Equal("none", new SampleShareContributionPolicy().Score(round).Aggregator);
    }
}
