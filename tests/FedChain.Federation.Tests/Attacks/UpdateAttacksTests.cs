using FedChain.Federation.Attacks;
using FedChain.Learning.Data;

namespace FedChain.Federation.Tests.Attacks;

public class UpdateAttacksTests
{
    private static readonly float[] Honest = [0.5f, -1f, 2f];

    [Fact]
    public void SignFlip_IsTheNegation()
    {
        Assert.Equal([-0.5f, 1f, -2f], UpdateAttacks.SignFlip(Honest));
    }

    [Fact]
    public void Scale_MultipliesByTheBoost()
    {
        Assert.Equal([5f, -10f, 20f], UpdateAttacks.Scale(Honest, 10));
    }

    [Fact]
    public void GaussianNoise_SeededZeroMeanWithTheGivenSigma()
    {
        var noise = UpdateAttacks.GaussianNoise(200_000, 0.1, seed: 7, round: 3);

        Assert.Equal(noise, UpdateAttacks.GaussianNoise(200_000, 0.1, seed: 7, round: 3));
        Assert.NotEqual(noise, UpdateAttacks.GaussianNoise(200_000, 0.1, seed: 7, round: 4));
        var mean = noise.Average(v => (double)v);
        var std = Math.Sqrt(noise.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.001, 0.001);
        Assert.InRange(std, 0.099, 0.101);
    }

    [Fact]
    public void FlipLabels_MapsEachClassToItsMirrorAndKeepsFeatures()
    {
        var data = Dataset.FromArrays("t", [1, 2, 3, 4, 5, 6], [0, 3, 9], [2], 10);

        var flipped = UpdateAttacks.FlipLabels(data);

        Assert.Equal([9, 6, 0], Enumerable.Range(0, 3).Select(flipped.Label).ToArray());
        Assert.Equal(data.Features(1).ToArray(), flipped.Features(1).ToArray());
        Assert.Equal([0, 3, 9], Enumerable.Range(0, 3).Select(UpdateAttacks.FlipLabels(flipped).Label).ToArray());
    }

    [Theory]
    [InlineData(20, 4, 0.38532)] // s = floor(11) - 4 = 7, Phi^-1(13/20)
    [InlineData(50, 24, 1.75069)] // s = 2, Phi^-1(48/50), the paper's example population
    [InlineData(10, 2, 0.253347)] // s = 4, Phi^-1(0.6)
    [InlineData(10, 1, 0.0)] // s = 5, Phi^-1(0.5): one attacker of ten may not move at all
    public void LittleIsEnoughZ_PapersFormula(int n, int f, double expected)
    {
        Assert.Equal(expected, UpdateAttacks.LittleIsEnoughZ(n, f), 4);
    }

    [Fact]
    public void LittleIsEnoughZ_AttackersAlreadyAMajority_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() => UpdateAttacks.LittleIsEnoughZ(10, 6));

        Assert.Contains("majority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LittleIsEnough_SitsZStandardDeviationsBelowTheMean()
    {
        var statistics = UpdateStatistics.Of([new float[] { 1, 10 }, new float[] { 3, 10 }, new float[] { 5, 16 }]);

        var malicious = UpdateAttacks.LittleIsEnough(statistics, 0.5);

        // mean (3, 12), sample std (2, sqrt(12)).
        TestData.AssertClose([3 - 1f, (float)(12 - (0.5 * Math.Sqrt(12)))], malicious, 1e-6);
    }

    [Fact]
    public void InnerProductManipulation_HasNegativeInnerProductWithTheHonestMean()
    {
        var statistics = UpdateStatistics.Of([new float[] { 1, 2 }, new float[] { 3, 2 }]);

        var malicious = UpdateAttacks.InnerProductManipulation(statistics, 0.5);

        Assert.Equal([-1f, -1f], malicious);
        Assert.True((malicious[0] * statistics.Mean[0]) + (malicious[1] * statistics.Mean[1]) < 0);
    }

    [Fact]
    public void UpdateStatistics_SampleStandardDeviation()
    {
        var statistics = UpdateStatistics.Of([new float[] { 2 }, new float[] { 4 }, new float[] { 4 }, new float[] { 4 }, new float[] { 5 }, new float[] { 5 }, new float[] { 7 }, new float[] { 9 }]);

        Assert.Equal(5f, statistics.Mean[0]);
        Assert.Equal((float)Math.Sqrt(32.0 / 7), statistics.StandardDeviation[0], 5);
    }

    [Fact]
    public void FreeRiders_ZeroEchoCopyStale()
    {
        float[] global = [7, 8, 9];
        float[] victim = [0.1f, 0.2f, 0.3f];
        float[] earlier = [1, 1, 1];

        Assert.Equal([0f, 0f, 0f], AttackSpec.Parse("zero").Apply(new AttackContext(2, ReadOnlyMemory<float>.Empty, global)));
        Assert.Equal(global, AttackSpec.Parse("echo").Apply(new AttackContext(2, ReadOnlyMemory<float>.Empty, global)));
        Assert.Equal(victim, AttackSpec.Parse("copy").Apply(new AttackContext(2, ReadOnlyMemory<float>.Empty, global, Victim: victim)));
        Assert.Equal(earlier, AttackSpec.Parse("stale").Apply(new AttackContext(5, Honest, global, Earlier: earlier)));
        Assert.Equal(Honest, AttackSpec.Parse("stale").Apply(new AttackContext(1, Honest, global)));
    }

    [Fact]
    public void Apply_StaleWithNothingEarlier_SendsTheHonestUpdateEvenWhenGivenANullArray()
    {
        float[]? nothingYet = null;

        var sent = AttackSpec.Parse("stale").Apply(new AttackContext(1, Honest, new float[3], Earlier: nothingYet));

        Assert.Equal(Honest, sent);
    }

    [Fact]
    public void Apply_AlieWithoutZ_UsesThePapersZForNAndF()
    {
        var statistics = UpdateStatistics.Of([new float[] { 0 }, new float[] { 2 }]);

        var malicious = AttackSpec.Parse("alie").Apply(new AttackContext(1, ReadOnlyMemory<float>.Empty, new float[1], statistics, 20, 4));

        Assert.Equal(1 - (0.38532 * Math.Sqrt(2)), malicious[0], 4);
    }

    [Fact]
    public void Apply_InputsAreNotModified()
    {
        var honest = (float[])Honest.Clone();

        AttackSpec.Parse("signflip").Apply(new AttackContext(1, honest, new float[3]));

        Assert.Equal(Honest, honest);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("signflip")]
    [InlineData("scale:10")]
    [InlineData("noise:0.1")]
    [InlineData("labelflip")]
    [InlineData("alie")]
    [InlineData("alie:1.5")]
    [InlineData("ipm:0.5")]
    [InlineData("zero")]
    [InlineData("echo")]
    [InlineData("copy")]
    [InlineData("stale")]
    public void Parse_RoundTrips(string text)
    {
        Assert.Equal(text, AttackSpec.Parse(text).ToString());
    }

    [Theory]
    [InlineData("bogus", "unknown attack 'bogus'")]
    [InlineData("scale:x", "must be a finite number")]
    [InlineData("zero:1", "takes no parameter")]
    [InlineData("ipm:-1", "epsilon must be > 0")]
    [InlineData("noise:-0.1", "sigma must be >= 0")]
    public void Parse_BadText_ErrorNamesIt(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => AttackSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_CopyWithoutVictim_ErrorSaysWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => AttackSpec.Parse("copy").Apply(new AttackContext(1, ReadOnlyMemory<float>.Empty, new float[2])));

        Assert.Contains("Victim", error.Message, StringComparison.Ordinal);
    }
}
