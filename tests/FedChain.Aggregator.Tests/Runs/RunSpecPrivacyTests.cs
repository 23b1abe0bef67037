using FedChain.Aggregator.Runs;
using FedChain.Learning;
using FedChain.Messages;

namespace FedChain.Aggregator.Tests.Runs;

public sealed class RunSpecPrivacyTests
{
    private static readonly RunConfiguration Configuration = new(
        "mlp", "fedavg", new Dictionary<string, string>(), 3, 3, 1, 2, 1, 16, 0.05, 7, TimeSpan.FromSeconds(30), "samples", "1000");

    private static readonly ParameterLayout Layout = ParameterLayout.Sequential(("fc1.weight", [2, 3]), ("fc1.bias", [2]));

    [Fact]
    public void Create_RunWithoutPrivacyTerms_LeavesThemOutOfTheSpec()
    {
        var spec = RunSpec.Create(Configuration, Layout, "0xabc", 1000, "ledger");

        Assert.DoesNotContain("Privacy", spec.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PrivacyTerms_AreCoveredByTheSpecHash()
    {
        var eight = RunSpec.Create(Configuration with { Privacy = new RunPrivacyTerms(8, 1e-5, 1, 1.1) }, Layout, "0xabc", 1000, "ledger");
        var three = RunSpec.Create(Configuration with { Privacy = new RunPrivacyTerms(3, 1e-5, 1, 1.1) }, Layout, "0xabc", 1000, "ledger");
        var none = RunSpec.Create(Configuration, Layout, "0xabc", 1000, "ledger");

        Assert.Contains("\"Privacy\":{\"Epsilon\":8,\"Delta\":1E-05,\"ClipNorm\":1,\"NoiseMultiplier\":1.1}", eight.Json, StringComparison.Ordinal);
        Assert.NotEqual(eight.Hash, three.Hash);
        Assert.NotEqual(eight.Hash, none.Hash);
        Assert.Equal(new RunPrivacyTerms(8, 1e-5, 1, 1.1), RunSpec.ConfigurationOf(eight.Json).Privacy);
    }
}
