using System.Text.Json;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Cli;

/// <summary>`fedchain simulate --task`: a consortium's task in one process, through the built console, on a real anvil.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SimulateTaskTests(AnvilFixture anvil) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-cli-task-").FullName;

    [Fact]
    public async Task SimulateTask_BreastCancerHospitals_FederatedStandardisation_CommitsEveryRound()
    {
        var data = await BreastCancerData.DirectoryAsync();
        var key = Path.Combine(_directory, "coordinator.key");
        await File.WriteAllTextAsync(key, "0x" + Convert.ToHexStringLower(anvil.Node.DevAccountKey(0).ExportPrivateKey()));
        var summary = Path.Combine(_directory, "summary.json");

        var simulate = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(10), "simulate", "--task", Path.Combine(data, "task.json"),
            "--site", Path.Combine(data, "hospital-1.csv"), "--site", Path.Combine(data, "hospital-2.csv"), "--site", Path.Combine(data, "hospital-3.csv"),
            "--rounds", "5", "--rpc", anvil.Node.RpcUrl.ToString(), "--coordinator-key-file", key, "--json", summary);

        Assert.True(simulate.ExitCode == 0, simulate.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var rounds = report.RootElement.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(5, rounds.Length);
        Assert.All(rounds, r => Assert.StartsWith("0x", r.GetProperty("txHash").GetString(), StringComparison.Ordinal));
        Assert.All(rounds, r => Assert.Equal(3, r.GetProperty("contributions").GetArrayLength()));
        var accuracy = rounds[^1].GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= 0.9, $"test accuracy after 5 rounds {accuracy:P2}");
    }

    [Fact]
    public async Task SimulateTask_SiteIsAHeldOutSet_OneLineError()
    {
        var data = await BreastCancerData.DirectoryAsync();

        var simulate = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(2), "simulate", "--task", Path.Combine(data, "task.json"),
            "--site", Path.Combine(data, "test.csv"), "--no-chain");

        FedChainCli.AssertOneLineError(simulate, 2, "test.csv: file: is the task's held-out test set");
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
