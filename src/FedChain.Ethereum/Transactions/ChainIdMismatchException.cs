using System.Numerics;

namespace FedChain.Ethereum.Transactions;

/// <summary>The node serves a different chain than configured; nothing is signed for it.</summary>
public sealed class ChainIdMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChainIdMismatchException(string endpoint, BigInteger expected, BigInteger actual)
        : base($"Node {endpoint} reports chain id {actual}, but chain id {expected} is configured; refusing to sign for it.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Configured chain id.</summary>
    public BigInteger Expected { get; }

    /// <summary>Chain id the node reported.</summary>
    public BigInteger Actual { get; }
}
