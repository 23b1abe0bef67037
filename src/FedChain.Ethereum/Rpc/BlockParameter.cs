using System.Numerics;

namespace FedChain.Ethereum.Rpc;

/// <summary>A block selector for JSON-RPC: a tag ("latest", "pending", ...) or a number.</summary>
public readonly record struct BlockParameter(string Value)
{
    /// <summary>The latest mined block.</summary>
    public static BlockParameter Latest => new("latest");

    /// <summary>The pending state (includes pool transactions; used for nonces).</summary>
    public static BlockParameter Pending => new("pending");

    /// <summary>The genesis block.</summary>
    public static BlockParameter Earliest => new("earliest");

    /// <summary>A specific block number.</summary>
    public static BlockParameter Number(BigInteger number) => new(Hex.EncodeQuantity(number));

    /// <inheritdoc/>
    public override string ToString() => Value;
}
