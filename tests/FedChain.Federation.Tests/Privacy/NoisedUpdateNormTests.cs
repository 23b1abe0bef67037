using FedChain.Federation.Privacy;

namespace FedChain.Federation.Tests.Privacy;

public sealed class NoisedUpdateNormTests
{
    [Theory]
    [InlineData(1.0, 0.5, 1_000)]
    [InlineData(1.0, 3.0, 199_210)]
    [InlineData(0.2, 12.0, 50_000)]
    public void Bound_ClippedAndNoisedUpdates_StayBelowIt_AndItIsNotLoose(double clip, double sigma, int dimension)
    {
        var bound = NoisedUpdateNorm.Bound(clip, sigma, dimension);
        for (var seed = 1UL; seed <= 5; seed++)
        {
            var update = new float[dimension];
            update[0] = (float)clip; // the worst case: a full-norm update
            GaussianNoise.Add(update, sigma * clip, seed, 1);

            var norm = Math.Sqrt(update.Sum(v => (double)v * v));

            Assert.True(norm <= bound, $"norm {norm} exceeds the bound {bound}");
            Assert.True(norm >= sigma * clip * (Math.Sqrt(dimension) - NoisedUpdateNorm.TailMargin), $"norm {norm} is far below the bound {bound}");
        }
    }

    [Fact]
    public void Bound_NoNoise_IsTheClipNorm() => Assert.Equal(0.7, NoisedUpdateNorm.Bound(0.7, 0, 10_000));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(1.0, -0.1)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(1.0, double.NaN)]
    public void Bound_NonPositiveClipOrNegativeNoise_Throws(double clip, double sigma) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NoisedUpdateNorm.Bound(clip, sigma, 10));
}
