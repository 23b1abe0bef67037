using FedChain.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;
using Nethereum.Contracts;

namespace FedChain.Ledger.Tests;

/// <summary>Foundry's cast, an independent client, reads the records our bindings wrote and read.</summary>
[Trait("Category", "Integration")]
public sealed class CastAgreementIntegrationTests : IClassFixture<AnvilFixture>
{
    private readonly AnvilFixture _anvil;

    public CastAgreementIntegrationTests(AnvilFixture anvil) => _anvil = anvil;

    [Fact]
    public async Task Cast_ReadsCommittedRecords_AgreesWithBindings()
    {
        using var admin = _anvil.Node.DevAccountKey(0);
        using var worker = _anvil.Node.DevAccountKey(5);
        var sender = new TransactionSender(new ChainConnection(_anvil.Node.RpcUrl, TestChain.RpcTimeout), admin, new TransactionSenderOptions { ChainId = _anvil.Node.ChainId, PollInterval = TimeSpan.FromMilliseconds(50) });
        var service = await LedgerService.DeployAsync(sender);
        await service.RegisterParticipantAsync(worker.Address, Bytes32.Keccak("worker"));
        var runId = Bytes32.Keccak("cast-run");
        var initial = Bytes32.Keccak("cast-initial");
        var newModel = Bytes32.Keccak("cast-model-1");
        var update = Bytes32.Keccak("cast-update");
        await service.CreateRunAsync(runId, Bytes32.Keccak("spec"), initial, BigInteger.Pow(10, 20));
        await service.GiveConsentBySigAsync(runId, worker.Address, service.Consents.Sign(runId, Bytes32.Keccak("spec"), worker));
        var signature = service.Commitments.Sign(new UpdateCommitment(runId, 1, initial, update, 1234, 1_234_567), worker);
        var reward = BigInteger.Parse("1500000000000000000", CultureInfo.InvariantCulture);
        await service.CommitRoundAsync(runId, 1, initial, newModel, Bytes32.Keccak("metrics"), [new Contribution(worker.Address, update, 1234, 777_000, reward, signature, 1_234_567)]);

        // A second, read-only client connected from configuration sees the same ledger.
        var reader = await LedgerService.ConnectAsync(new LedgerOptions { RpcUrl = _anvil.Node.RpcUrl.ToString(), ChainId = _anvil.Node.ChainId, LedgerAddress = service.LedgerAddress.ToString() });
        Assert.Equal(service.Token.Address, reader.Token.Address);
        Assert.Equal(1UL, await reader.LastRoundAsync(runId));

        var ledger = service.LedgerAddress.ToString();
        var round = await service.RoundOfAsync(runId, 1);
        var castRound = Cast("call", ledger, "roundOf(bytes32,uint64)(bytes32,bytes32,bytes32,uint32,uint256,uint64)", runId.ToString(), "1");
        Assert.Equal(
            [round.BaseModelHash.ToString(), round.NewModelHash.ToString(), round.MetricsHash.ToString(), round.ContributorCount.ToString(CultureInfo.InvariantCulture), round.TotalReward.ToString(CultureInfo.InvariantCulture), round.Timestamp.ToString(CultureInfo.InvariantCulture)],
            castRound);

        var contribution = await service.ContributionOfAsync(runId, 1, worker.Address);
        var castContribution = Cast("call", ledger, "contributionOf(bytes32,uint64,address)(bytes32,uint64,uint32,uint256,uint32)", runId.ToString(), "1", worker.Address.ToString());
        Assert.Equal(
            [contribution.UpdateHash.ToString(), contribution.NumSamples.ToString(CultureInfo.InvariantCulture), contribution.ScorePpm.ToString(CultureInfo.InvariantCulture), contribution.Reward.ToString(CultureInfo.InvariantCulture), contribution.EpsilonMicros.ToString(CultureInfo.InvariantCulture)],
            castContribution);
        Assert.Equal(["1234", "777000", "1500000000000000000", "1234567"], castContribution.Skip(1));
        Assert.Equal(
            [service.Consents.Digest(runId, Bytes32.Keccak("spec")).ToString()],
            Cast("call", ledger, "hashRunConsent(bytes32,bytes32)(bytes32)", runId.ToString(), Bytes32.Keccak("spec").ToString()));

        var origin = await service.ModelOriginAsync(newModel);
        Assert.Equal([origin.RunId.ToString(), "1"], Cast("call", ledger, "modelOrigin(bytes32)(bytes32,uint64)", newModel.ToString()));
        Assert.Equal(["1"], Cast("call", ledger, "lastRound(bytes32)(uint64)", runId.ToString()));
        Assert.Equal([reward.ToString(CultureInfo.InvariantCulture)], Cast("call", service.Token.Address.ToString(), "balanceOf(address)(uint256)", worker.Address.ToString()));
        Assert.Equal(
            [service.Commitments.Digest(new UpdateCommitment(runId, 1, initial, update, 1234, 1_234_567)).ToString()],
            Cast("call", ledger, "hashUpdateCommitment(bytes32,uint64,bytes32,bytes32,uint64,uint32)(bytes32)", runId.ToString(), "1", initial.ToString(), update.ToString(), "1234", "1234567"));
    }

    [Fact]
    public void Cast_EncodesCommitRoundAndSignsTheDigest_ByteForByteLikeOurClient()
    {
        // Identical calldata and signatures mean identical intrinsic and execution gas per round as with any client.
        const string key = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";
        using var worker = EthereumKey.FromHex(key);
        var signer = new UpdateCommitmentSigner(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
        var runId = Bytes32.Keccak("cast-calldata-run");
        var initial = Bytes32.Keccak("cast-calldata-initial");
        var update = Bytes32.Keccak("cast-calldata-update");
        var commitment = new UpdateCommitment(runId, 1, initial, update, 1234, 2_500_000);
        var signature = signer.Sign(commitment, worker);

        var castSignature = Cast("wallet", "sign", "--no-hash", "--private-key", key, signer.Digest(commitment).ToString());
        Assert.Equal(castSignature.Single(), Hex.Encode(signature));

        var ours = Contracts.FedChainLedgerContract.CommitRoundMessage(runId, 1, initial, Bytes32.Keccak("m"), Bytes32.Zero,
            [new Contribution(worker.Address, update, 1234, 777_000, BigInteger.Parse("1500000000000000000", CultureInfo.InvariantCulture), signature, 2_500_000)]).GetCallData();
        var castCalldata = Cast("calldata", "commitRound(bytes32,uint64,bytes32,bytes32,bytes32,(address,bytes32,uint64,uint32,uint256,uint32,bytes)[])",
            runId.ToString(), "1", initial.ToString(), Bytes32.Keccak("m").ToString(), Bytes32.Zero.ToString(),
            $"[({worker.Address},{update},1234,777000,1500000000000000000,2500000,{Hex.Encode(signature)})]");
        Assert.Equal(castCalldata.Single(), Hex.Encode(ours));
    }

    /// <summary>Runs cast against the node; returns one value per output line (cast's "[1.5e18]" annotations dropped).</summary>
    private string[] Cast(params string[] arguments)
    {
        var path = RepoRoot.Tool("cast");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"cast binary not found at '{path}' (run `npm ci` in contracts/).", path);
        }
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (arguments[0] == "call")
        {
            info.ArgumentList.Add("--rpc-url");
            info.ArgumentList.Add(_anvil.Node.RpcUrl.ToString());
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cast {string.Join(' ', arguments)} did not finish within 30 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])
            .ToArray();
    }
}
