using FedChain.Ethereum.DevNode;

namespace FedChain.Testing;

/// <summary>Starts a real anvil from the pinned npm toolchain, failing with a message naming the binary when it is missing.</summary>
public static class TestChain
{
    /// <summary>The chain id test nodes run with.</summary>
    public const long ChainId = 31337;

    /// <summary>Starts anvil on a free loopback port.</summary>
    public static Task<AnvilNode> StartAsync()
    {
        var binary = RepositoryRoot.Combine("contracts", "node_modules", ".bin", "anvil");
        return File.Exists(binary)
            ? AnvilNode.StartAsync(new AnvilOptions { BinaryPath = binary, ChainId = ChainId })
            : throw new InvalidOperationException($"anvil is not installed at {binary}. Run ./test.sh, or `npm ci` in contracts/.");
    }
}
