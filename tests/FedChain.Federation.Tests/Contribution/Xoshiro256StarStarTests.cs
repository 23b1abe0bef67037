using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void NextUInt64_ReferenceState1234_MatchesPublishedSequence()
    {
        // The reference implementation's output for state {1, 2, 3, 4} (as in rand_xoshiro's tests).
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
            16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576,
        ];
        var rng = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(expected, expected.Select(_ => rng.NextUInt64()));
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedSequence()
    {
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void NextBelow_ManyDraws_RoughlyUniformAndInRange()
    {
        var rng = Xoshiro256StarStar.ForRound(17, 3);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[rng.NextBelow(7)]++;
        }

        // 10,000 expected per bucket, standard deviation about 93.
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Shuffle_SameSeed_SamePermutation()
    {
        int[] a = [.. Enumerable.Range(0, 20)];
        int[] b = [.. Enumerable.Range(0, 20)];

        Xoshiro256StarStar.ForRound(5, 1).Shuffle(a);
        Xoshiro256StarStar.ForRound(5, 1).Shuffle(b);

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 20), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 20), a);
    }
}
