using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Cli;

/// <summary>Every `fedchain` command through its public entry point (the built console, in its own process) against a real anvil and RabbitMQ.</summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ConsoleCommandTests(RabbitMqFixture rabbit, AnvilFixture anvil) : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-cli-").FullName;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Simulate_OnAnExistingChain_CommitsRounds_AndTheReadCommandsAgreeWithTheChain()
    {
        var rpc = anvil.Node.RpcUrl.ToString();
        var key = await KeyFileAsync("coordinator.key", 0);
        var summary = Path.Combine(_directory, "summary.json");

        var simulate = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(12), "simulate", "--workers", "3", "--rounds", "2", "--seed", "5",
            "--rpc", rpc, "--coordinator-key-file", key, "--json", summary);
        Assert.True(simulate.ExitCode == 0, simulate.Output);
        Assert.Contains("2 rounds committed", simulate.Output, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var root = report.RootElement;
        var ledger = root.GetProperty("ledger").GetProperty("ledger").GetString()!;
        var token = root.GetProperty("ledger").GetProperty("token").GetString()!;
        var runId = root.GetProperty("ledger").GetProperty("runId").GetString()!;
        var rounds = root.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(2, rounds.Length);
        Assert.All(rounds, r => Assert.StartsWith("0x", r.GetProperty("txHash").GetString(), StringComparison.Ordinal));
        Assert.All(rounds, r => Assert.Equal(3, r.GetProperty("contributions").GetArrayLength()));

        // rewards: the console's balance equals what the summary says was paid, and what cast (an independent client) reads.
        var contribution = rounds[0].GetProperty("contributions")[0];
        var address = contribution.GetProperty("address").GetString()!;
        var paid = rounds.SelectMany(r => r.GetProperty("contributions").EnumerateArray())
            .Where(c => c.GetProperty("address").GetString() == address)
            .Aggregate(BigInteger.Zero, (sum, c) => sum + BigInteger.Parse(c.GetProperty("reward").GetString()!, CultureInfo.InvariantCulture));
        var rewards = await FedChainCli.RunAsync(_directory, Short, "rewards", address, "--rpc", rpc, "--ledger", ledger, "--json");
        Assert.True(rewards.ExitCode == 0, rewards.Output);
        using var rewardsJson = JsonDocument.Parse(rewards.Output);
        var balance = BigInteger.Parse(rewardsJson.RootElement.GetProperty("balance").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(paid, balance);
        Assert.Equal(2, rewardsJson.RootElement.GetProperty("contributions").GetArrayLength());
        var cast = await ProcessRunner.RunAsync(RepositoryRoot.Combine("contracts", "node_modules", ".bin", "cast"),
            ["call", token, "balanceOf(address)(uint256)", address, "--rpc-url", rpc], timeout: Short);
        Assert.True(cast.ExitCode == 0, cast.Output);
        Assert.Equal(balance, BigInteger.Parse(cast.Output.Trim().Split(' ')[0], CultureInfo.InvariantCulture));

        // verify update: the recorded hash is included; any other is refused with one line.
        var hash = contribution.GetProperty("updateHash").GetString()!;
        var included = await FedChainCli.RunAsync(_directory, Short, "verify", "update", "--run", runId, "--round", "1", "--address", address, "--hash", hash,
            "--rpc", rpc, "--ledger", ledger, "--json");
        Assert.True(included.ExitCode == 0, included.Output);
        Assert.True(JsonDocument.Parse(included.Output).RootElement.GetProperty("included").GetBoolean());
        var wrong = await FedChainCli.RunAsync(_directory, Short, "verify", "update", "--run", runId, "--round", "1", "--address", address,
            "--hash", "0x" + new string('1', 64), "--rpc", rpc, "--ledger", ledger);
        FedChainCli.AssertOneLineError(wrong, 1, "records update");

        // verify model: the final model file's lineage goes back through both rounds to the initial model.
        var modelHash = rounds[1].GetProperty("modelHash").GetString()!;
        var file = Path.Combine(root.GetProperty("stateDirectory").GetString()!, "blobs", modelHash[2..4], modelHash[2..]);
        var lineage = await FedChainCli.RunAsync(_directory, Short, "verify", "model", file, "--rpc", rpc, "--ledger", ledger, "--json");
        Assert.True(lineage.ExitCode == 0, lineage.Output);
        using var lineageJson = JsonDocument.Parse(lineage.Output);
        Assert.Equal(2, lineageJson.RootElement.GetProperty("round").GetInt32());
        Assert.Equal(runId, lineageJson.RootElement.GetProperty("runId").GetString());
        Assert.Equal(2, lineageJson.RootElement.GetProperty("lineage").GetArrayLength());

        // models export: the built-in mlp of round 2 as TorchScript, after the chain's check (PyTorch reads such files in Learning.Torch.Tests).
        var exported = Path.Combine(_directory, "mlp-round-2.pt");
        var export = await FedChainCli.RunAsync(_directory, Short, "models", "export", "--run", runId, "--state", root.GetProperty("stateDirectory").GetString()!,
            "--format", "torchscript", "--out", exported, "--rpc", rpc, "--ledger", ledger, "--json");
        Assert.True(export.ExitCode == 0, export.Output);
        using var exportJson = JsonDocument.Parse(export.Output);
        Assert.Equal(modelHash, exportJson.RootElement.GetProperty("modelHash").GetString());
        Assert.Equal(2, exportJson.RootElement.GetProperty("round").GetInt32());
        Assert.Equal("built-in mlp", exportJson.RootElement.GetProperty("model").GetString());
        Assert.StartsWith("the ledger ", exportJson.RootElement.GetProperty("checkedAgainst").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(exported));
    }

    [Fact]
    public async Task ContractsDeploy_ThenParticipantsRegisterListDeactivate()
    {
        var rpc = anvil.Node.RpcUrl.ToString();
        var key = await KeyFileAsync("admin.key", 0);
        var deploy = await FedChainCli.RunAsync(_directory, Short, "contracts", "deploy", "--rpc", rpc, "--key-file", key, "--json");
        Assert.True(deploy.ExitCode == 0, deploy.Output);
        var ledger = JsonDocument.Parse(deploy.Output).RootElement.GetProperty("ledger").GetString()!;
        Assert.True(File.Exists(Path.Combine(_directory, ".fedchain", "deployment.json")));

        var hospital = anvil.Node.DevAccountKey(6).Address.ToChecksumString();
        // No --ledger from here on: the deployment file written above is found.
        var register = await FedChainCli.RunAsync(_directory, Short, "participants", "register", hospital, "--metadata", "St. Elsewhere", "--rpc", rpc, "--key-file", key);
        Assert.True(register.ExitCode == 0, register.Output);
        var listed = await FedChainCli.RunAsync(_directory, Short, "participants", "list", "--rpc", rpc, "--json");
        Assert.True(listed.ExitCode == 0, listed.Output);
        var entry = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Single();
        Assert.Equal(hospital, entry.GetProperty("address").GetString());
        Assert.True(entry.GetProperty("active").GetBoolean());

        var deactivate = await FedChainCli.RunAsync(_directory, Short, "participants", "deactivate", hospital, "--rpc", rpc, "--ledger", ledger, "--key-file", key);
        Assert.True(deactivate.ExitCode == 0, deactivate.Output);
        listed = await FedChainCli.RunAsync(_directory, Short, "participants", "list", "--rpc", rpc, "--json");
        Assert.False(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Single().GetProperty("active").GetBoolean());

        // Deactivating again is refused by the contract, with its named error, on one line.
        var again = await FedChainCli.RunAsync(_directory, Short, "participants", "deactivate", hospital, "--rpc", rpc, "--key-file", key);
        FedChainCli.AssertOneLineError(again, 1, "NotAParticipant");
    }

    [Fact]
    public async Task BadInput_AndUnreachableServices_GiveOneClearLineAndAnExitCode()
    {
        var rpc = anvil.Node.RpcUrl.ToString();
        var key = await KeyFileAsync("admin.key", 0);
        var deploy = await FedChainCli.RunAsync(_directory, Short, "contracts", "deploy", "--rpc", rpc, "--key-file", key, "--json");
        var ledger = JsonDocument.Parse(deploy.Output).RootElement.GetProperty("ledger").GetString()!;

        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "rewards", "0x1234", "--rpc", rpc, "--ledger", ledger), 2, "not an Ethereum address");
        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "verify", "update", "--run", "0xabc", "--round", "1",
            "--address", anvil.Node.DevAccountKey(1).Address.ToChecksumString(), "--hash", "0x" + new string('2', 64), "--rpc", rpc, "--ledger", ledger), 2, "not a 32-byte hash");
        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "verify", "update", "--run", "0x" + new string('3', 64), "--round", "1",
            "--address", anvil.Node.DevAccountKey(1).Address.ToChecksumString(), "--hash", "0x" + new string('2', 64), "--rpc", rpc, "--ledger", ledger), 1, "UnknownRun");
        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "rewards", anvil.Node.DevAccountKey(1).Address.ToChecksumString(),
            "--rpc", "http://127.0.0.1:9", "--ledger", ledger), 1, "127.0.0.1:9");
        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "verify", "model", Path.Combine(_directory, "missing.model"), "--rpc", rpc, "--ledger", ledger), 2, "does not exist");
        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "run", "status", "0x" + new string('4', 64), "--broker", "amqp://guest:guest@127.0.0.1:9/"), 1, "cannot reach the broker");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task RunStartWatchStatus_AgainstADeployedAggregator_OverRabbitMq()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 2);
        system.StartAggregator();
        system.StartWorker(0, 2);
        system.StartWorker(1, 2);
        var broker = $"amqp://guest:guest@127.0.0.1:{system.Broker.Port}/{system.VirtualHost}";
        await system.WaitForHostsAsync(2);

        var start = await FedChainCli.RunAsync(_directory, Short, "run", "start", "--broker", broker, "--workers", "2", "--rounds", "1", "--json");
        Assert.True(start.ExitCode == 0, start.Output);
        var runId = JsonDocument.Parse(start.Output).RootElement.GetProperty("runId").GetString()!;

        var watch = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(8), "run", "watch", runId, "--broker", broker);
        Assert.True(watch.ExitCode == 0, watch.Output + system.Diagnostics());
        Assert.Contains("run finished", watch.Output, StringComparison.Ordinal);

        var status = await FedChainCli.RunAsync(_directory, Short, "run", "status", runId, "--broker", broker, "--json");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Equal((int)RunState.Finished, JsonDocument.Parse(status.Output).RootElement.GetProperty("state").GetInt32());

        FedChainCli.AssertOneLineError(await FedChainCli.RunAsync(_directory, Short, "run", "status", "0x" + new string('5', 64), "--broker", broker), 1, "unknown run");
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
            // Nothing important is left behind in a temp folder.
        }
    }

    private async Task<string> KeyFileAsync(string name, int account)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, "0x" + Convert.ToHexStringLower(anvil.Node.DevAccountKey(account).ExportPrivateKey()));
        return path;
    }
}
