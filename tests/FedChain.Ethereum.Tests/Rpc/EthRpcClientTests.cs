using System.Net;
using System.Net.Sockets;
using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Tests.DevNode;

namespace FedChain.Ethereum.Tests.Rpc;

public class EthRpcClientTests : IClassFixture<AnvilFixture>
{
    private readonly AnvilFixture _anvil;

    public EthRpcClientTests(AnvilFixture anvil) => _anvil = anvil;

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ChainIdAsync_Unreachable_NamesEndpointWithoutCredentials()
    {
        var port = UnusedPort();
        using var rpc = new EthRpcClient(new Uri($"http://user:s3cret@127.0.0.1:{port}/rpc?apikey=hidden"), TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<RpcTransportException>(() => rpc.ChainIdAsync());
        Assert.Contains($"http://127.0.0.1:{port}/rpc", ex.Message);
        Assert.Contains("eth_chainId", ex.Message);
        Assert.DoesNotContain("s3cret", ex.Message);
        Assert.DoesNotContain("hidden", ex.Message);
    }

    [Fact]
    public async Task SendAsync_SilentServer_TimesOutNamingMethod()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var rpc = new EthRpcClient(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromMilliseconds(300));
        var ex = await Assert.ThrowsAsync<RpcTransportException>(() => rpc.BlockNumberAsync());
        Assert.Contains("eth_blockNumber", ex.Message);
        Assert.Contains("timed out", ex.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SendAsync_UnknownMethod_ThrowsRpcExceptionWithCode()
    {
        using var rpc = new EthRpcClient(_anvil.Node.RpcUrl);
        var ex = await Assert.ThrowsAsync<RpcException>(() => rpc.SendAsync("eth_noSuchMethod", []));
        Assert.Equal("eth_noSuchMethod", ex.Method);
        Assert.NotEqual(0, ex.Code);
        Assert.Contains("eth_noSuchMethod", ex.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
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
