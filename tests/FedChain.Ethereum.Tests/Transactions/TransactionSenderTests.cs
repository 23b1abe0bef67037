using FedChain.Ethereum.Tests.DevNode;
using FedChain.Ethereum.Transactions;
using FedChain.Testing;
using Nethereum.RPC.Eth.DTOs;

namespace FedChain.Ethereum.Tests.Transactions;

/// <summary>The production sender over Nethereum against a real anvil: nonces, chain id, receipts, unreachable nodes.</summary>
[Trait("Category", "Integration")]
public sealed class TransactionSenderTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static TransactionSenderOptions Options(long chainId) => new()
    {
        ChainId = chainId,
        // Short enough that a nonce gap (a transaction queued forever behind a missing nonce) fails the test quickly.
        ReceiptTimeout = TestChain.ReceiptTimeout,
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Send_NodeRefusesThenAccepts_LeavesNoNonceGap()
    {
        using var proxy = new RefusingRpcProxy(anvil.Node.RpcUrl);
        using var key = anvil.Node.DevAccountKey(1);
        var connection = new ChainConnection(proxy.Url, TestChain.RpcTimeout);
        var sender = new TransactionSender(connection, key, Options(anvil.Node.ChainId));
        var first = await sender.DeployAsync(new ProbeDeployment { Initial = 1 });
        var before = await connection.TransactionCountAsync(key.Address, BlockParameter.CreateLatest());

        proxy.RefuseNextSends(1);
        var refused = await Assert.ThrowsAsync<NodeRefusedException>(() => sender.DeployAsync(new ProbeDeployment { Initial = 2 }));
        Assert.Contains("refused", refused.NodeMessage);
        Assert.Equal("eth_sendRawTransaction", refused.Method);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(1, proxy.Refused);

        // Without resetting the nonce service the next transaction would take before + 1 and wait forever behind the gap.
        var next = await sender.DeployAsync(new ProbeDeployment { Initial = 3 });
        Assert.True(next.Succeeded);
        Assert.True(first.Succeeded);
        Assert.Equal(before + 1, await connection.TransactionCountAsync(key.Address, BlockParameter.CreateLatest()));
        Assert.Equal(0, await connection.TransactionCountAsync(key.Address) - await connection.TransactionCountAsync(key.Address, BlockParameter.CreateLatest()));
    }

    [Fact]
    public async Task Send_SeveralInARow_UsesConsecutiveNoncesAndAwaitsEachReceipt()
    {
        using var key = anvil.Node.DevAccountKey(2);
        var connection = new ChainConnection(anvil.Node.RpcUrl, TestChain.RpcTimeout);
        var sender = new TransactionSender(connection, key, Options(anvil.Node.ChainId));
        var start = await connection.TransactionCountAsync(key.Address, BlockParameter.CreateLatest());
        for (var i = 0; i < 3; i++)
        {
            var receipt = await sender.DeployAsync(new ProbeDeployment { Initial = i });
            Assert.True(receipt.Succeeded);
            Assert.NotNull(receipt.ContractAddress);
            Assert.NotEmpty(await connection.GetCodeAsync(receipt.ContractAddress!));
        }

        Assert.Equal(start + 3, await connection.TransactionCountAsync(key.Address, BlockParameter.CreateLatest()));
    }

    [Fact]
    public async Task EnsureChain_WrongChainId_OneLineNamingBothIds()
    {
        using var key = anvil.Node.DevAccountKey(3);
        var sender = new TransactionSender(new ChainConnection(anvil.Node.RpcUrl, TestChain.RpcTimeout), key, Options(5));
        var ex = await Assert.ThrowsAsync<ChainIdMismatchException>(() => sender.DeployAsync(new ProbeDeployment { Initial = 1 }));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("chain id 31337", ex.Message);
        Assert.Contains("chain id 5 is configured", ex.Message);
    }

    [Fact]
    public async Task ChainId_UrlNotAnswering_OneLineNamingTheEndpoint()
    {
        var url = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/");
        var ex = await Assert.ThrowsAsync<NodeUnreachableException>(() => new ChainConnection(url, TimeSpan.FromSeconds(5)).ChainIdAsync());
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains($"the Ethereum node at {url} does not answer (eth_chainId)", ex.Message);
    }
}
