using System.Net;
using System.Net.Sockets;
using FedChain.Ethereum.Rpc;

namespace FedChain.Ethereum.Tests.Rpc;

public class EthRpcClientTests
{
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
}
