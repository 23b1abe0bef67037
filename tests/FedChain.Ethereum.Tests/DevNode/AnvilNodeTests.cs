using FedChain.Testing;
using FedChain.Ethereum.DevNode;

namespace FedChain.Ethereum.Tests.DevNode;

public class AnvilNodeTests
{
    [Fact]
    public async Task StartAsync_MissingBinary_ThrowsNamingPath()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            AnvilNode.StartAsync(new AnvilOptions { BinaryPath = "/nonexistent/bin/anvil" }));
        Assert.Contains("/nonexistent/bin/anvil", ex.Message);
    }

    [Fact]
    public async Task StartAsync_BinaryExitsImmediately_ThrowsWithExitCode()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AnvilNode.StartAsync(new AnvilOptions { BinaryPath = "/bin/false" }));
        Assert.Contains("'/bin/false' exited with code 1 during start-up", ex.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task StartAsync_RealAnvil_ServesChainAndDevKeys()
    {
        using var node = await AnvilNode.StartAsync(new AnvilOptions { BinaryPath = AnvilFixture.ToolPath("anvil"), ChainId = 4242, Accounts = 2 });
        var rpc = new ChainConnection(node.RpcUrl, TestChain.RpcTimeout);
        Assert.Equal(4242, await rpc.ChainIdAsync());
        using var key = node.DevAccountKey(0);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address.ToString());
        Assert.Equal(2, node.AccountCount);
    }
}
