using System.Text.Json;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Cli;

/// <summary>
/// An auditor with only the chain and an exported bundle reproduces a round's scores, including the free-rider screen's
/// verdict on a stale replay of an earlier round's update; a bundle with one update altered by one byte (of the round or
/// of an earlier one), or one update missing, is refused naming that update, before anything is recomputed.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class AuditBundleTests(AnvilFixture anvil) : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-audit-").FullName;

    [Fact]
    public async Task VerifyScores_FromTheChainAndABundle_Reproduces_AndATamperedOrIncompleteBundleIsRefusedNamingTheUpdate()
    {
        var rpc = anvil.Node.RpcUrl.ToString();
        var key = Path.Combine(_directory, "coordinator.key");
        await File.WriteAllTextAsync(key, "0x" + Convert.ToHexStringLower(anvil.Node.DevAccountKey(0).ExportPrivateKey()));
        var summary = Path.Combine(_directory, "summary.json");
        // worker-3 replays its round-1 update in round 2: the screen pays it nothing, and only an auditor who has round 1's
        // updates (verified against the chain) can reach that verdict.
        var simulate = await FedChainCli.RunAsync(_directory, TimeSpan.FromMinutes(12), "simulate", "--workers", "3", "--rounds", "2", "--seed", "11", "--engine", "native",
            "--contribution", "loo", "--attack", "stale", "--attackers", "1", "--rpc", rpc, "--coordinator-key-file", key, "--json", summary);
        Assert.True(simulate.ExitCode == 0, simulate.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var ledger = report.RootElement.GetProperty("ledger").GetProperty("ledger").GetString()!;
        var runId = report.RootElement.GetProperty("ledger").GetProperty("runId").GetString()!;
        var state = report.RootElement.GetProperty("stateDirectory").GetString()!;
        var stale = report.RootElement.GetProperty("rounds")[1].GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("worker").GetString() == "worker-3");
        Assert.Equal("0", stale.GetProperty("reward").GetString());

        var bundle = Path.Combine(_directory, "bundle");
        var export = await FedChainCli.RunAsync(_directory, Short, "audit", "export", "--run", runId, "--round", "2", "--state", state, "--out", bundle);
        Assert.True(export.ExitCode == 0, export.Output);
        // The auditor's copy: the aggregator's state is not used from here on.
        var verify = await FedChainCli.RunAsync(_directory, Short, "verify", "scores", "--run", runId, "--round", "2", "--bundle", bundle, "--rpc", rpc, "--ledger", ledger, "--json");
        Assert.True(verify.ExitCode == 0, verify.Output);
        using var verified = JsonDocument.Parse(verify.Output);
        Assert.True(verified.RootElement.GetProperty("match").GetBoolean());
        Assert.Equal(3, verified.RootElement.GetProperty("contributions").GetArrayLength());

        var earlier = Directory.GetFiles(Path.Combine(bundle, "earlier", "1")).Order(StringComparer.Ordinal).First();
        var earlierBytes = await File.ReadAllBytesAsync(earlier);
        earlierBytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(earlier, earlierBytes);
        var tamperedEarlier = await FedChainCli.RunAsync(_directory, Short, "verify", "scores", "--run", runId, "--round", "2", "--bundle", bundle, "--rpc", rpc, "--ledger", ledger);
        FedChainCli.AssertOneLineError(tamperedEarlier, 1, $"bundle update earlier/1/{Path.GetFileName(earlier)} of contributor");
        earlierBytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(earlier, earlierBytes);

        var update = Directory.GetFiles(Path.Combine(bundle, "updates")).Order(StringComparer.Ordinal).First();
        var name = "updates/" + Path.GetFileName(update);
        var bytes = await File.ReadAllBytesAsync(update);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(update, bytes);
        var tampered = await FedChainCli.RunAsync(_directory, Short, "verify", "scores", "--run", runId, "--round", "2", "--bundle", bundle, "--rpc", rpc, "--ledger", ledger);
        FedChainCli.AssertOneLineError(tampered, 1, $"bundle update {name} of contributor");

        File.Delete(update);
        var missing = await FedChainCli.RunAsync(_directory, Short, "verify", "scores", "--run", runId, "--round", "2", "--bundle", bundle, "--rpc", rpc, "--ledger", ledger);
        FedChainCli.AssertOneLineError(missing, 1, $"bundle misses update {name}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
