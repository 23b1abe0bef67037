using System.Numerics;
using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Tests.DevNode;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ethereum.Tests.Transactions;

[Trait("Category", "Integration")]
public class TransactionSenderTests : IClassFixture<AnvilFixture>
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private readonly AnvilFixture _anvil;

    public TransactionSenderTests(AnvilFixture anvil) => _anvil = anvil;

    private TransactionSenderOptions Options(long? chainId = null) => new()
    {
        ChainId = chainId ?? _anvil.Node.ChainId,
        PollInterval = TimeSpan.FromMilliseconds(50),
        ReceiptTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task SendAndWaitAsync_Transfer_MovesValue()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(0);
        var to = Address.Parse("0x000000000000000000000000000000000000fed1");
        var before = await rpc.GetBalanceAsync(to);
        var receipt = await new TransactionSender(rpc, key, Options()).SendAndWaitAsync(new TransactionRequest(to, [], Ether));
        Assert.True(receipt.Succeeded);
        Assert.Equal(key.Address, receipt.From);
        Assert.Equal(before + Ether, await rpc.GetBalanceAsync(to));
    }

    [Fact]
    public async Task SendAsync_NodeOnOtherChain_RefusesBeforeSigning()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(1);
        var nonceBefore = await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending);
        var sender = new TransactionSender(rpc, key, Options(chainId: 1));
        var ex = await Assert.ThrowsAsync<ChainIdMismatchException>(() => sender.SendAsync(new TransactionRequest(Address.Zero, [])));
        Assert.Contains("reports chain id 31337, but chain id 1 is configured", ex.Message);
        Assert.Equal(nonceBefore, await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending));
    }

    [Fact]
    public async Task SendAsync_StaleLocalNonce_RecoversFromNonceTooLow()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(2);
        var first = new TransactionSender(rpc, key, Options());
        await first.SendAndWaitAsync(new TransactionRequest(Address.Zero, [], 1));
        // A second sender (own nonce counter) for the same account makes the first one's counter stale.
        var other = new TransactionSender(rpc, key, Options());
        await other.SendAndWaitAsync(new TransactionRequest(Address.Zero, [], 1));
        await other.SendAndWaitAsync(new TransactionRequest(Address.Zero, [], 1));

        var receipt = await first.SendAndWaitAsync(new TransactionRequest(Address.Zero, [], 1));

        Assert.True(receipt.Succeeded);
        Assert.Equal(new BigInteger(4), await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest));
    }

    [Fact]
    public async Task WaitForReceiptAsync_TwoConfirmations_WaitsForNextBlock()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(3);
        var options = Options();
        options.Confirmations = 2;
        options.ReceiptTimeout = TimeSpan.FromMilliseconds(600);
        var sender = new TransactionSender(rpc, key, options);
        var hash = await sender.SendAsync(new TransactionRequest(Address.Zero, [], 1));

        var ex = await Assert.ThrowsAsync<ReceiptTimeoutException>(() => sender.WaitForReceiptAsync(hash));
        Assert.Contains("confirmed by 2 blocks", ex.Message);

        await rpc.SendAsync("evm_mine", []);
        var receipt = await sender.WaitForReceiptAsync(hash);
        Assert.Equal(hash, receipt.TransactionHash);
    }

    [Fact]
    public async Task SendRawTransaction_Eip155LegacyTransaction_IsMined()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(4);
        var nonce = await rpc.GetTransactionCountAsync(key.Address, BlockParameter.Pending);
        var tx = new LegacyTransaction(nonce, 10_000_000_000, 21000, Address.Parse("0x000000000000000000000000000000000000fed2"), 7, [], _anvil.Node.ChainId);
        var signed = tx.Sign(key);
        var hash = await rpc.SendRawTransactionAsync(signed.RawTransaction);
        Assert.Equal(signed.HashHex, hash);
        var receipt = await new TransactionSender(rpc, key, Options()).WaitForReceiptAsync(hash);
        Assert.True(receipt.Succeeded);
    }
}
