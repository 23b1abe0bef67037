using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class LeaveOneOutContributionPolicyTests
{
    // w0 = 0, target = 1, U(w) = -(w - 1)^2. A moves to 1, B to 3, equal samples:
    // U(AB) = U(2) = -1, U(A) = 0, U(B) = -4, so loo_A = -1 - (-4) = 3 and loo_B = -1 - 0 = -1.
    [Fact]
    public void Score_TwoContributors_HandComputed()
    {
        var evaluator = new CountingEvaluator(w => Games.NegativeSquaredDistance(w, [1f]));
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 10, 1f), Games.Update("0xb", 10, 3f)], evaluator);

        var result = new LeaveOneOutContributionPolicy().Score(round);

        Assert.Equal(3.0, result.Scores[0].Raw);
        Assert.Equal(3.0, result.Scores[0].Payable);
        Assert.Equal(-1.0, result.Scores[1].Raw);
        Assert.Equal(0.0, result.Scores[1].Payable);
        Assert.Equal(-1.0, result.FullUtility);
        Assert.Equal(3, result.Cost.UtilityEvaluations);
        Assert.Equal(3, evaluator.Calls);
        Assert.Equal("loo", result.Method);
    }

    [Fact]
    public void Score_SingleContributor_ComparesWithBaseModel()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 10, 0.5f)], Games.DistanceTo([1f]));

        var result = new LeaveOneOutContributionPolicy().Score(round);

        Assert.Equal(-0.25 - -1.0, result.Scores[0].Raw);
        Assert.Equal(-1.0, result.BaseUtility);
    }

    [Fact]
    public void Score_WeightedBySamples_UsesFedAvgOfTheRest()
    {
        // A (n=1) moves to 4, B (n=3) to 0, C (n=1) to 1: U(all) uses w = (4 + 0 + 1) / 5 = 1.
        var round = new ContributionRound(
            1, new float[] { 0 }, [Games.Update("0xa", 1, 4f), Games.Update("0xb", 3, 0f), Games.Update("0xc", 1, 1f)], Games.DistanceTo([1f]));

        var result = new LeaveOneOutContributionPolicy().Score(round);

        // Without A: w = 1/4 -> -(0.75^2); without B: w = 5/2 -> -(1.5^2); without C: w = 4/4 = 1 -> 0.
        Assert.Equal(0 + 0.5625, result.Scores[0].Raw, 6);
        Assert.Equal(0 + 2.25, result.Scores[1].Raw, 6);
        Assert.Equal(0.0, result.Scores[2].Raw, 6);
    }

    [Fact]
    public void Score_WithoutEvaluator_ThrowsNamingPolicy()
    {
        var round = new ContributionRound(4, new float[] { 0 }, [Games.Update("0xa", 1, 1f)], evaluator: null);

        var e = Assert.Throws<ArgumentException>(() => new LeaveOneOutContributionPolicy().Score(round));
        Assert.Contains("loo", e.Message);
        Assert.Contains("round 4", e.Message);
    }
}
