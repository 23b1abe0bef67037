using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class ContributionScreenTests
{
    private static ScreenedUpdate At(string id, int arrival, float[] update) => new(id, arrival, UpdateSketch.Of(update));

    [Fact]
    public void Sketch_IndependentUpdates_AboutSqrtTwoApart()
    {
        var a = UpdateSketch.Of(TestData.RandomVector(50_000, 1));
        var b = UpdateSketch.Of(TestData.RandomVector(50_000, 2));

        Assert.InRange(a.RelativeDistance(b), 1.2, 1.6);
        Assert.Equal(0, a.RelativeDistance(UpdateSketch.Of(TestData.RandomVector(50_000, 1))));
    }

    [Fact]
    public void Screen_HonestUpdates_AllKept()
    {
        var verdicts = ContributionScreen.Screen(
            [At("0xa", 0, TestData.RandomVector(10_000, 1)), At("0xb", 1, TestData.RandomVector(10_000, 2)), At("0xc", 2, TestData.RandomVector(10_000, 3))],
            UpdateSketch.Of(TestData.RandomVector(10_000, 9, 10)),
            []);

        Assert.All(verdicts, v => Assert.False(v.Excluded, v.Reason));
    }

    [Fact]
    public void Screen_ExactCopy_LaterArrivalExcludedNamingTheSource()
    {
        var original = TestData.RandomVector(10_000, 1);

        var verdicts = ContributionScreen.Screen(
            [At("0xcopier", 3, (float[])original.Clone()), At("0xa", 0, original), At("0xb", 1, TestData.RandomVector(10_000, 2))],
            null,
            []);

        Assert.Contains("copy", verdicts[0].Reason, StringComparison.Ordinal);
        Assert.Equal("0xa", verdicts[0].Source);
        Assert.False(verdicts[1].Excluded);
        Assert.False(verdicts[2].Excluded);
    }

    [Fact]
    public void Screen_NearIdenticalCopy_Excluded()
    {
        var original = TestData.RandomVector(10_000, 1);
        var disguised = original.Zip(TestData.RandomVector(10_000, 5, 1e-5)).Select(p => p.First + p.Second).ToArray();

        var verdicts = ContributionScreen.Screen([At("0xa", 0, original), At("0xb", 1, disguised)], null, []);

        Assert.False(verdicts[0].Excluded);
        Assert.Contains("copy", verdicts[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ZeroAndEcho_Excluded()
    {
        var global = TestData.RandomVector(10_000, 9, 3);

        var verdicts = ContributionScreen.Screen(
            [At("0xa", 0, TestData.RandomVector(10_000, 1)), At("0xzero", 1, new float[10_000]), At("0xecho", 2, (float[])global.Clone())],
            UpdateSketch.Of(global),
            []);

        Assert.False(verdicts[0].Excluded);
        Assert.Contains("zero update", verdicts[1].Reason, StringComparison.Ordinal);
        Assert.Contains("global model", verdicts[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_ReplayOfAnEarlierRound_ExcludedAsStale()
    {
        var old = TestData.RandomVector(10_000, 4);
        var history = new SketchHistory();
        history.Record(1, [("0xlazy", UpdateSketch.Of(old)), ("0xa", UpdateSketch.Of(TestData.RandomVector(10_000, 1)))]);

        var verdicts = ContributionScreen.Screen([At("0xa", 0, TestData.RandomVector(10_000, 11)), At("0xlazy", 1, old)], null, history.Before(2));

        Assert.False(verdicts[0].Excluded);
        Assert.Contains("stale", verdicts[1].Reason, StringComparison.Ordinal);
        Assert.Contains("round 1", verdicts[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SketchHistory_KeepsOnlyTheLastRounds()
    {
        var history = new SketchHistory(rounds: 2);
        for (var r = 1; r <= 3; r++)
        {
            history.Record(r, [("0xa", UpdateSketch.Of(TestData.RandomVector(100, (ulong)r)))]);
        }

        Assert.Equal([2L, 3L], history.Before(4).Select(e => e.Round).ToArray());
    }
}
