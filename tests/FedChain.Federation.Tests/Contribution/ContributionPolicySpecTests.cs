using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class ContributionPolicySpecTests
{
    [Theory]
    [InlineData("samples", "samples")]
    [InlineData("loo", "loo")]
    [InlineData(" LOO ", "loo")]
    [InlineData("shapley", "shapley;mode=auto;exact-max=10;permutations=50;truncation=0.001;seed=7")]
    [InlineData("shapley:exact", "shapley;mode=exact")]
    [InlineData("shapley:mc", "shapley;mode=mc;permutations=50;truncation=0.001;seed=7")]
    [InlineData("shapley:mc:200", "shapley;mode=mc;permutations=200;truncation=0.001;seed=7")]
    [InlineData("shapley:mc:200:0", "shapley;mode=mc;permutations=200;truncation=0;seed=7")]
    [InlineData("shapley;mode=auto;exact-max=8;permutations=64;truncation=0.0025;seed=99", "shapley;mode=auto;exact-max=8;permutations=64;truncation=0.0025;seed=99")]
    public void Parse_KnownForms_CanonicalString(string text, string canonical)
    {
        Assert.Equal(canonical, ContributionPolicySpec.Parse(text, seed: 7).ToCanonicalString());
    }

    [Theory]
    [InlineData("samples")]
    [InlineData("shapley:exact")]
    [InlineData("shapley:mc:123:0.01")]
    [InlineData("shapley;exact-max=3;truncation=1E-07;seed=18446744073709551615")]
    public void ToCanonicalString_ParsedBack_EqualSpec(string text)
    {
        var spec = ContributionPolicySpec.Parse(text, seed: 5);

        Assert.Equal(spec, ContributionPolicySpec.Parse(spec.ToCanonicalString()));
    }

    [Fact]
    public void Parse_CanonicalSeed_OverridesArgument()
    {
        Assert.Equal(3UL, ContributionPolicySpec.Parse("shapley;mode=mc;seed=3", seed: 9).Seed);
        Assert.Equal(9UL, ContributionPolicySpec.Parse("shapley:mc", seed: 9).Seed);
    }

    [Theory]
    [InlineData("banzhaf", "unknown policy 'banzhaf'")]
    [InlineData("", "empty")]
    [InlineData("loo:3", "only shapley takes ':' options")]
    [InlineData("shapley:fast", "mode 'fast' at offset 8")]
    [InlineData("shapley:mc:many", "permutations 'many' at offset 11")]
    [InlineData("shapley:mc:0", "permutations must be >= 1")]
    [InlineData("shapley:exact:5", "at most 0 numeric option")]
    [InlineData("shapley:mc:10:-1", "truncation must be")]
    [InlineData("shapley;exact-max=30", "exact-max must be in 1..20")]
    [InlineData("shapley;perms=3", "unknown parameter 'perms' at offset 8")]
    [InlineData("shapley;seed=1;seed=2", "'seed' is given twice")]
    [InlineData("loo;seed=1", "loo takes no parameters")]
    [InlineData("shapley;seed=-1", "seed '-1' at offset 13")]
    public void Parse_Invalid_ThrowsNamingTheProblem(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ContributionPolicySpec.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void CreatePolicy_EachName_MatchingPolicy()
    {
        Assert.IsType<SampleShareContributionPolicy>(ContributionPolicySpec.Parse("samples").CreatePolicy());
        Assert.IsType<LeaveOneOutContributionPolicy>(ContributionPolicySpec.Parse("loo").CreatePolicy());
        var shapley = ContributionPolicySpec.Parse("shapley:mc:12", seed: 4).CreatePolicy();
        Assert.IsType<ShapleyContributionPolicy>(shapley);
        Assert.Equal(12, shapley.Spec.Permutations);
        Assert.Equal("shapley", shapley.Name);
    }

    [Fact]
    public void Constructor_UnknownName_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContributionPolicySpec("random"));
    }

    [Fact]
    public void ContributionOptions_BadPolicy_ErrorNamesConfigurationKey()
    {
        var options = new ContributionOptions { Policy = "shapley:mc:x", Seed = 1 };

        var e = Assert.Throws<FormatException>(() => options.ToSpec());
        Assert.StartsWith("Contribution:Policy", e.Message);
        Assert.Equal(1UL, new ContributionOptions { Policy = "shapley:mc", Seed = 1 }.ToSpec().Seed);
    }
}
