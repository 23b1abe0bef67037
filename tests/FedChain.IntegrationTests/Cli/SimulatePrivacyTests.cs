using System.Text.Json;

namespace FedChain.IntegrationTests.Cli;

/// <summary>
/// `fedchain simulate --dp-epsilon` (its own process, in-memory bus, no chain): at ε = 1 over one round the MNIST mlp's
/// noised updates have norms near 2,000, twice the aggregator's bound for raw deltas, and every site's update still counts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SimulatePrivacyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-privacy-").FullName;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Simulate_StrongClientSideDp_EverySitesNoisedUpdateIsAccepted()
    {
        var summary = Path.Combine(_directory, "summary.json");

        var result = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(10), "simulate", "--no-chain", "--workers", "3", "--rounds", "1",
            "--model", "mlp", "--engine", "native", "--dp-epsilon", "1", "--dp-delta", "1e-5", "--dp-clip", "1", "--json", summary);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("NormTooLarge", result.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var rounds = report.RootElement.GetProperty("rounds");
        Assert.Equal(1, rounds.GetArrayLength());
        Assert.Equal(3, rounds[0].GetProperty("contributions").GetArrayLength());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
