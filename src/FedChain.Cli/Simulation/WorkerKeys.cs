using System.Text;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;

namespace FedChain.Cli.Simulation;

/// <summary>Simulated workers' keys, derived from the seed so a simulation repeats with the same addresses. Never use them for anything real.</summary>
public static class WorkerKeys
{
    /// <summary>The key of worker <paramref name="index"/>: keccak256("fedchain-simulation-worker:{seed}:{index}").</summary>
    public static EthereumKey Derive(long seed, int index) =>
        EthereumKey.FromBytes(Keccak256.Hash(Encoding.UTF8.GetBytes($"fedchain-simulation-worker:{seed}:{index}")));

    /// <summary>The simulated worker id of index <paramref name="index"/>.</summary>
    public static string IdOf(int index) => $"worker-{index + 1}";
}
