namespace FedChain.Ethereum.Abi;

/// <summary>The shape of an ABI type.</summary>
public enum AbiTypeKind
{
    /// <summary>uintN.</summary>
    UInt,
    /// <summary>intN (two's complement).</summary>
    Int,
    /// <summary>address (20 bytes).</summary>
    Address,
    /// <summary>bool.</summary>
    Bool,
    /// <summary>bytesN, 1 &lt;= N &lt;= 32.</summary>
    FixedBytes,
    /// <summary>bytes (dynamic).</summary>
    Bytes,
    /// <summary>string (dynamic, UTF-8).</summary>
    String,
    /// <summary>T[] (dynamic length).</summary>
    Array,
    /// <summary>T[k] (fixed length).</summary>
    FixedArray,
    /// <summary>(T1,...,Tn), a struct.</summary>
    Tuple,
}
