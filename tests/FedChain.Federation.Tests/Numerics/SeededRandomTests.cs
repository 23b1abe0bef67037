using FedChain.Federation.Numerics;

namespace FedChain.Federation.Tests.Numerics;

public class SeededRandomTests
{
    [Fact]
    public void NextUInt64_SameSeedAndStream_SameSequence()
    {
        var a = new SeededRandom(42, 7);
        var b = new SeededRandom(42, 7);

        Assert.Equal(Enumerable.Range(0, 10).Select(_ => a.NextUInt64()), Enumerable.Range(0, 10).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void NextUInt64_OtherStream_OtherSequence()
    {
        Assert.NotEqual(new SeededRandom(42, 7).NextUInt64(), new SeededRandom(42, 8).NextUInt64());
    }

    [Fact]
    public void NextGaussian_ManyDraws_HasUnitMoments()
    {
        var random = new SeededRandom(3);
        var draws = Enumerable.Range(0, 200_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void NextInt_StaysInRange_AndHitsEveryValue()
    {
        var random = new SeededRandom(9);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++)
        {
            seen[random.NextInt(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }
}
