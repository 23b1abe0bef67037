using FedChain.Ethereum.DevNode;

namespace FedChain.Testing;

/// <summary>Starts a real anvil from the pinned npm toolchain, failing with a message naming the binary when it is missing.</summary>
public static class TestChain
{
    /// <summary>The chain id test nodes run with.</summary>
    public const long ChainId = 31337;

    /// <summary>
    /// How long a test waits for one RPC answer. Test projects run side by side with LibTorch training on two cores, and
    /// an anvil starved of CPU once took over 10 s to answer eth_estimateGas: it answers late, not never. A node that
    /// does not answer at all is tested with a closed port, which fails at once whatever this is.
    /// </summary>
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a test waits for a receipt (see <see cref="RpcTimeout"/>).</summary>
    public static readonly TimeSpan ReceiptTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Starts anvil on a free loopback port.</summary>
    public static Task<AnvilNode> StartAsync()
    {
        var binary = RepositoryRoot.Combine("contracts", "node_modules", ".bin", "anvil");
        return File.Exists(binary)
            ? AnvilNode.StartAsync(new AnvilOptions { BinaryPath = binary, ChainId = ChainId })
            : throw new InvalidOperationException($"anvil is not installed at {binary}. Run ./test.sh, or `npm ci` in contracts/.");
    }
}
