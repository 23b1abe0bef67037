using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class SampleShareContributionPolicyTests
{
    [Fact]
    public void Score_TwoContributors_ShareOfSamples()
    {
        var round = new ContributionRound(3, new float[] { 0 }, [Games.Update("0xb", 300, 1f), Games.Update("0xa", 100, 5f)], evaluator: null);

        var result = new SampleShareContributionPolicy().Score(round);

        Assert.Equal(["0xa", "0xb"], result.Scores.Select(s => s.ContributorId));
        Assert.Equal(0.25, result.Scores[0].Raw);
        Assert.Equal(0.75, result.Scores[1].Payable);
        Assert.Equal("samples", result.Policy);
        Assert.Equal(0, result.Cost.UtilityEvaluations);
        Assert.Equal(3, result.Round);
    }

    [Fact]
    public void Score_NoContributors_EmptyScores()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [], evaluator: null);

        Assert.Empty(new SampleShareContributionPolicy().Score(round).Scores);
    }
}
