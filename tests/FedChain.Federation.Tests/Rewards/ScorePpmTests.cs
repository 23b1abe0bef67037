using FedChain.Federation.Rewards;

namespace FedChain.Federation.Tests.Rewards;

public class ScorePpmTests
{
    [Fact]
    public void Compute_OneToThree_QuarterAndThreeQuarters()
    {
        Assert.Equal([250_000u, 750_000u], ScorePpm.Compute([0.1, 0.3], ["0xa", "0xb"]));
    }

    [Fact]
    public void Compute_ThreeEqual_SumsToMillionExtraToSmallestId()
    {
        Assert.Equal([333_333u, 333_334u, 333_333u], ScorePpm.Compute([2.0, 2.0, 2.0], ["0xc", "0xa", "0xb"]));
    }

    [Fact]
    public void Compute_NoPositiveScore_AllZero()
    {
        Assert.Equal([0u, 0u], ScorePpm.Compute([0.0, 0.0], ["0xa", "0xb"]));
    }

    [Fact]
    public void Compute_RandomScores_SumExactlyOneMillion()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = rng.Next(1, 60);
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(3) == 0 ? 0.0 : rng.NextDouble() * Math.Pow(10, rng.Next(-8, 8))).ToArray();
            scores[rng.Next(n)] = rng.NextDouble() + 1e-9;
            var ids = Enumerable.Range(0, n).Select(k => $"0x{k:x4}").ToArray();

            var ppm = ScorePpm.Compute(scores, ids);

            Assert.Equal(ScorePpm.Whole, (uint)ppm.Sum(p => (long)p));
            Assert.All(ppm.Where((_, k) => scores[k] == 0), p => Assert.Equal(0u, p));
        }
    }
}
