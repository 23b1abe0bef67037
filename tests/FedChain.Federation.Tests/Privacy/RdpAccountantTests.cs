using FedChain.Federation.Privacy;

namespace FedChain.Federation.Tests.Privacy;

public class RdpAccountantTests
{
    // Reference values from TensorFlow Privacy's rdp_accountant_test.py (integer orders only).
    [Theory]
    [InlineData(0.1, 2.0, 10, 5, 0.07737)]
    [InlineData(0.01, 2.5, 50, 5, 0.00218075)]
    [InlineData(0.01, 2.5, 50, 50, 0.023846)]
    [InlineData(0.01, 2.5, 50, 100, 167.416307)]
    public void SampledGaussianRdp_MatchesTensorFlowPrivacy(double q, double sigma, int steps, int order, double expected)
    {
        Assert.Equal(expected, steps * RdpAccountant.SampledGaussianRdp(q, sigma, order), 5);
    }

    [Fact]
    public void SampledGaussianRdp_NoSampling_IsAlphaOverTwoSigmaSquared()
    {
        Assert.Equal(0.1, RdpAccountant.SampledGaussianRdp(1, 10, 20), 12);
        Assert.Equal(7 / (2 * 1.3 * 1.3), RdpAccountant.SampledGaussianRdp(1, 1.3, 7), 12);
    }

    [Fact]
    public void SampledGaussianRdp_NoData_IsZero()
    {
        Assert.Equal(0, RdpAccountant.SampledGaussianRdp(0, 10, 20));
    }

    [Fact]
    public void GetEpsilon_MatchesTensorFlowPrivacy()
    {
        // TF Privacy: orders 2..32, q = 0.01, sigma = 4, 10000 steps, delta = 1e-5 -> eps 1.258575 at order 20.
        var accountant = new RdpAccountant(Enumerable.Range(2, 31));
        accountant.Step(4, 0.01, 10_000);

        var spent = accountant.GetEpsilon(1e-5);

        Assert.Equal(1.258575, spent.Epsilon, 1e-6);
        Assert.Equal(20, spent.Order);
    }

    [Fact]
    public void Step_Composes_EpsilonGrowsAndMatchesOneBigStep()
    {
        var a = new RdpAccountant();
        var b = new RdpAccountant();
        var previous = 0.0;
        for (var i = 0; i < 10; i++)
        {
            a.Step(1.1, 0.1);
            var eps = a.GetEpsilon(1e-5).Epsilon;
            Assert.True(eps > previous);
            previous = eps;
        }

        b.Step(1.1, 0.1, 10);

        Assert.Equal(b.GetEpsilon(1e-5).Epsilon, previous, 10);
        Assert.Equal(10, a.History.Count);
    }

    [Fact]
    public void Constructor_OrderBelowTwo_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RdpAccountant([1, 2]));
    }
}
