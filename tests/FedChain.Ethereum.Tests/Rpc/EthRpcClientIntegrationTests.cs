using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Tests.DevNode;

namespace FedChain.Ethereum.Tests.Rpc;

[Trait("Category", "Integration")]
public class EthRpcClientIntegrationTests : IClassFixture<AnvilFixture>
{
    private readonly AnvilFixture _anvil;

    public EthRpcClientIntegrationTests(AnvilFixture anvil) => _anvil = anvil;

    [Fact]
    public async Task SendAsync_UnknownMethod_ThrowsRpcExceptionWithCode()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        var ex = await Assert.ThrowsAsync<RpcException>(() => rpc.SendAsync("eth_noSuchMethod", []));
        Assert.Equal("eth_noSuchMethod", ex.Method);
        Assert.NotEqual(0, ex.Code);
        Assert.Contains("eth_noSuchMethod", ex.Message);
    }

    [Fact]
    public async Task Reads_FreshAnvil_ReturnBalancesFeesAndEmptyCode()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        using var key = _anvil.Node.DevAccountKey(5);
        Assert.True(await rpc.GetBalanceAsync(key.Address) > 0);
        Assert.Empty(await rpc.GetCodeAsync(key.Address));
        var history = await rpc.FeeHistoryAsync(2, BlockParameter.Latest, [50]);
        Assert.NotEmpty(history.BaseFeePerGas);
        Assert.True(await rpc.BlockNumberAsync() >= 0);
        Assert.Null(await rpc.GetTransactionReceiptAsync("0x" + new string('0', 64)));
    }
}
