using FedChain.Aggregator.Web;
using FedChain.Ledger;

namespace FedChain.Aggregator.Tests.Web;

public sealed class ReadOnlyApiTests
{
    [Fact]
    public void PublicRpcUrl_LedgerUrlWithCredentials_DropsUserInfoAndQuery()
    {
        var url = ReadOnlyApi.PublicRpcUrl(new ConsoleOptions(), new LedgerOptions { RpcUrl = "https://operator:s3cret@node.example:8545/rpc?apikey=k3y" });

        Assert.Equal("https://node.example:8545/rpc", url);
    }

    [Fact]
    public void PublicRpcUrl_ConsoleUrlSet_IsWhatBrowsersGet()
    {
        var url = ReadOnlyApi.PublicRpcUrl(new ConsoleOptions { ChainRpcUrl = "https://public-node.example" }, new LedgerOptions { RpcUrl = "http://10.0.0.5:8545" });

        Assert.Equal("https://public-node.example", url);
    }
}
