using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;
using FedChain.Ledger.Bindings.FedChainLedger;
using FedChain.Testing;

namespace FedChain.Ledger.Tests;

/// <summary>Connecting from configuration refuses a wrong chain or a silent node in one line; reverts carry their typed [Error] binding.</summary>
[Trait("Category", "Integration")]
public sealed class LedgerConnectionIntegrationTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private async Task<LedgerService> DeployAsync(EthereumKey admin) =>
        await LedgerService.DeployAsync(new TransactionSender(new ChainConnection(anvil.Node.RpcUrl, TestChain.RpcTimeout), admin,
            new TransactionSenderOptions { ChainId = anvil.Node.ChainId, ReceiptTimeout = TestChain.ReceiptTimeout, PollInterval = TimeSpan.FromMilliseconds(50) }));

    [Fact]
    public async Task ConnectAsync_WrongChainId_OneLineNamingBothIds()
    {
        using var admin = anvil.Node.DevAccountKey(3);
        var service = await DeployAsync(admin);
        var options = new LedgerOptions { RpcUrl = anvil.Node.RpcUrl.ToString(), ChainId = 1, LedgerAddress = service.LedgerAddress.ToString() };

        var withKey = await Assert.ThrowsAsync<ChainIdMismatchException>(() => LedgerService.ConnectAsync(options, admin));
        var readOnly = await Assert.ThrowsAsync<ChainIdMismatchException>(() => LedgerService.ConnectAsync(options));

        foreach (var ex in new[] { withKey, readOnly })
        {
            Assert.DoesNotContain('\n', ex.Message);
            Assert.Contains("reports chain id 31337, but chain id 1 is configured", ex.Message);
        }
    }

    [Fact]
    public async Task ConnectAsync_RpcUrlNotAnswering_OneLineNamingTheUrl()
    {
        var url = $"http://127.0.0.1:{FreeTcpPort.Next()}/";
        var options = new LedgerOptions { RpcUrl = url, ChainId = 31337, LedgerAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3", RpcTimeoutSeconds = 5 };
        var ex = await Assert.ThrowsAsync<NodeUnreachableException>(() => LedgerService.ConnectAsync(options));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains($"the Ethereum node at {url} does not answer", ex.Message);
    }

    [Fact]
    public async Task CommitRound_SecondCommitOfARound_CarriesTheTypedError()
    {
        using var admin = anvil.Node.DevAccountKey(4);
        using var worker = anvil.Node.DevAccountKey(5);
        var service = await DeployAsync(admin);
        await service.RegisterParticipantAsync(worker.Address, Bytes32.Keccak("w"));
        var runId = Bytes32.Keccak("typed-error-run");
        var initial = Bytes32.Keccak("typed-initial");
        await service.CreateRunAsync(runId, Bytes32.Keccak("spec"), initial, BigInteger.Pow(10, 20));
        await service.GiveConsentBySigAsync(runId, worker.Address, service.Consents.Sign(runId, Bytes32.Keccak("spec"), worker));
        var update = Bytes32.Keccak("u");
        Contribution[] contributions = [new(worker.Address, update, 10, 1_000_000, 1, service.Commitments.Sign(new UpdateCommitment(runId, 1, initial, update, 10, 0), worker))];
        await service.CommitRoundAsync(runId, 1, initial, Bytes32.Keccak("m1"), Bytes32.Zero, contributions);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => service.CommitRoundAsync(runId, 1, initial, Bytes32.Keccak("m1"), Bytes32.Zero, contributions));

        var typed = Assert.IsType<RoundOutOfOrderError>(ex.Error);
        Assert.Equal(runId.ToBytes(), typed.RunId);
        Assert.Equal(2UL, typed.Expected);
        Assert.Equal(1UL, typed.Got);
        Assert.Equal("RoundOutOfOrder(bytes32,uint64,uint64)", ex.ErrorSignature);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
