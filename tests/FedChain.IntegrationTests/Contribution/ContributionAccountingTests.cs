using FedChain.Testing;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FedChain.Ethereum;
using FedChain.IntegrationTests.Cli;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Ledger;

namespace FedChain.IntegrationTests.Contribution;

/// <summary>Contribution scores and rewards end to end: `fedchain simulate` with a noisy worker on a real chain, then the chain and `verify scores`.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class ContributionAccountingTests(AnvilFixture anvil) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-scores-").FullName;

    [Theory]
    [InlineData("loo")]
    [InlineData("shapley")]
    public async Task NoisyWorker_GetsTheLowestScoreAndReward_HonestWorkersWithinFactorTwo_ChainMatchesSummaryAndVerify(string policy)
    {
        var rpc = anvil.Node.RpcUrl.ToString();
        var key = Path.Combine(_directory, "coordinator.key");
        await File.WriteAllTextAsync(key, "0x" + Convert.ToHexStringLower(anvil.Node.DevAccountKey(0).ExportPrivateKey()));
        var summary = Path.Combine(_directory, "summary.json");
        var simulate = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(15), "simulate", "--workers", "5", "--noisy-workers", "1", "--rounds", "3",
            "--contribution", policy, "--seed", "3", "--rpc", rpc, "--coordinator-key-file", key, "--json", summary);
        Assert.True(simulate.ExitCode == 0, simulate.Output);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var root = document.RootElement;
        var noisy = root.GetProperty("config").GetProperty("noisyWorkers").EnumerateArray().Single().GetString();
        var ledgerAddress = root.GetProperty("ledger").GetProperty("ledger").GetString()!;
        var runId = root.GetProperty("ledger").GetProperty("runId").GetString()!;
        var ledger = await LedgerService.ConnectAsync(Address.Parse(ledgerAddress), new ChainConnection(anvil.Node.RpcUrl, TestChain.RpcTimeout));

        foreach (var round in root.GetProperty("rounds").EnumerateArray())
        {
            var number = round.GetProperty("round").GetInt32();
            var contributions = round.GetProperty("contributions").EnumerateArray()
                .Select(c => (Worker: c.GetProperty("worker").GetString()!, Address: c.GetProperty("address").GetString()!, Score: c.GetProperty("score").GetDouble(),
                    Reward: BigInteger.Parse(c.GetProperty("reward").GetString()!, CultureInfo.InvariantCulture)))
                .ToArray();

            // What the summary says is what the chain recorded.
            foreach (var c in contributions)
            {
                var onChain = await ledger.ContributionOfAsync(Bytes32.Parse(runId), (ulong)number, Address.Parse(c.Address));
                Assert.Equal(c.Reward, onChain.Reward);
            }

            if (number < 2)
            {
                continue;
            }

            var noisyEntry = contributions.Single(c => c.Worker == noisy);
            var honest = contributions.Where(c => c.Worker != noisy).ToArray();
            Assert.True(honest.All(h => h.Score > noisyEntry.Score), $"round {number}: noisy {noisyEntry.Score}, honest {string.Join(", ", honest.Select(h => h.Score))}");
            Assert.True(honest.All(h => h.Reward > noisyEntry.Reward), $"round {number}: noisy reward {noisyEntry.Reward}");
            var most = honest.Max(h => h.Reward);
            var least = honest.Min(h => h.Reward);
            Assert.True(least > 0 && most <= 2 * least, $"round {number}: honest rewards {string.Join(", ", honest.Select(h => h.Reward))} are not within a factor of 2");
        }

        // Anyone holding the stored updates and the validation set recomputes the same scores as the chain.
        var verify = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(5), "verify", "scores", "--run", runId, "--round", "2",
            "--state", root.GetProperty("stateDirectory").GetString()!, "--rpc", rpc, "--ledger", ledgerAddress, "--json");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.True(JsonDocument.Parse(verify.Output).RootElement.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task SameSeed_TwoSimulations_IdenticalModelsScoresAndRewards()
    {
        string[] Arguments(string json) => ["simulate", "--no-chain", "--workers", "3", "--rounds", "2", "--contribution", "shapley", "--seed", "11", "--json", json];
        var first = Path.Combine(_directory, "first.json");
        var second = Path.Combine(_directory, "second.json");
        var a = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(10), Arguments(first));
        Assert.True(a.ExitCode == 0, a.Output);
        var b = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(10), Arguments(second));
        Assert.True(b.ExitCode == 0, b.Output);

        static string Rounds(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("rounds").ToString();
        var rounds = Rounds(first);
        Assert.Contains("modelHash", rounds, StringComparison.Ordinal);
        Assert.Equal(rounds, Rounds(second));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder; nothing important left behind.
        }
    }
}
