using System.Text.Json;
using FedChain.IntegrationTests.Fixtures;

namespace FedChain.IntegrationTests.Cli;

/// <summary>
/// `fedchain simulate`'s run id: derived from the seed and the spec unless --run-id gives it, so a client-side DP simulation
/// (every site's noise keyed by its key and the run id) repeats bit for bit; a repeated id never meets an earlier run.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SimulateRunIdTests(AnvilFixture anvil) : IDisposable
{
    private const string GivenRunId = "0x00000000000000000000000000000000000000000000000000000000000000f1";
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-run-id-").FullName;

    private static readonly string[] DpLogreg =
        ["simulate", "--workers", "3", "--model", "logreg", "--engine", "native", "--seed", "1", "--dp-epsilon", "8", "--dp-delta", "1e-5", "--dp-clip", "1"];

    private async Task<JsonDocument> SimulateAsync(string name, params string[] arguments)
    {
        var summary = Path.Combine(_directory, name + ".json");
        var result = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(5), [.. DpLogreg, .. arguments, "--json", summary]);
        Assert.True(result.ExitCode == 0, result.Output);
        return JsonDocument.Parse(await File.ReadAllTextAsync(summary));
    }

    private static string[] ModelHashes(JsonDocument report) =>
        report.RootElement.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("modelHash").GetString()!).ToArray();

    private static string RunIdOf(JsonDocument report) => report.RootElement.GetProperty("config").GetProperty("runId").GetString()!;

    [Fact]
    public async Task Simulate_SameCommandTwice_SameRunId_BitIdenticalDpModels_EachInItsOwnState()
    {
        using var first = await SimulateAsync("first", "--no-chain", "--rounds", "2");
        using var second = await SimulateAsync("second", "--no-chain", "--rounds", "2");
        using var other = await SimulateAsync("other", "--no-chain", "--rounds", "2", "--run-id", GivenRunId);

        Assert.Equal(RunIdOf(first), RunIdOf(second));
        Assert.Equal(2, ModelHashes(first).Length);
        Assert.Equal(ModelHashes(first), ModelHashes(second));
        Assert.NotEqual(first.RootElement.GetProperty("stateDirectory").GetString(), second.RootElement.GetProperty("stateDirectory").GetString());
        // Another run id: other noise at every site, so other models.
        Assert.Equal(GivenRunId, RunIdOf(other));
        Assert.NotEqual(ModelHashes(first)[0], ModelHashes(other)[0]);
    }

    [Fact]
    public async Task Simulate_SameRunIdTwiceOnOneExternalChain_EachRunCommitsOnItsOwnFreshLedger()
    {
        var key = Path.Combine(_directory, "coordinator.key");
        await File.WriteAllTextAsync(key, "0x" + Convert.ToHexStringLower(anvil.Node.DevAccountKey(0).ExportPrivateKey()));
        string[] chain = ["--rounds", "1", "--rpc", anvil.Node.RpcUrl.ToString(), "--coordinator-key-file", key, "--run-id", GivenRunId];

        using var first = await SimulateAsync("chain-first", chain);
        using var second = await SimulateAsync("chain-second", chain);

        foreach (var report in new[] { first, second })
        {
            Assert.Equal(GivenRunId, report.RootElement.GetProperty("ledger").GetProperty("runId").GetString());
            Assert.StartsWith("0x", report.RootElement.GetProperty("rounds")[0].GetProperty("txHash").GetString(), StringComparison.Ordinal);
        }

        Assert.NotEqual(first.RootElement.GetProperty("ledger").GetProperty("ledger").GetString(), second.RootElement.GetProperty("ledger").GetProperty("ledger").GetString());
        Assert.Equal(ModelHashes(first), ModelHashes(second));
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("f1")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0x000000000000000000000000000000000000000000000000000000000000000g")]
    public async Task Simulate_MalformedRunId_OneLineErrorNamingIt(string runId)
    {
        var result = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(2), "simulate", "--no-chain", "--run-id", runId);

        FedChainCli.AssertOneLineError(result, 2, $"--run-id must be 0x followed by 64 hex digits, not all zero, got '{runId}'");
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
