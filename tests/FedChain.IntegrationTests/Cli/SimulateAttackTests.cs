using System.Text.Json;

namespace FedChain.IntegrationTests.Cli;

/// <summary>
/// Issue 15 end to end through `fedchain simulate` (its own process, in-memory bus, no chain): a worker that
/// copies another's update under its own key is seen in the round (same update hash) and paid nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SimulateAttackTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-attack-").FullName;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Simulate_CopyAttacker_SharesTheVictimsHashAndEarnsNothing()
    {
        var summary = Path.Combine(_directory, "summary.json");

        var result = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(10), "simulate", "--no-chain", "--workers", "4", "--rounds", "1",
            "--attack", "copy", "--attackers", "1", "--contribution", "loo", "--json", summary);

        Assert.True(result.ExitCode == 0, result.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var contributions = report.RootElement.GetProperty("rounds")[0].GetProperty("contributions").EnumerateArray().ToArray();
        var copier = contributions.Single(c => c.GetProperty("worker").GetString() == "worker-4");
        var victims = contributions.Where(c => c.GetProperty("worker").GetString() != "worker-4"
            && c.GetProperty("updateHash").GetString() == copier.GetProperty("updateHash").GetString()).ToArray();
        Assert.Single(victims);
        Assert.Equal("0", copier.GetProperty("reward").GetString());
        Assert.Equal(0, copier.GetProperty("score").GetDouble());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
