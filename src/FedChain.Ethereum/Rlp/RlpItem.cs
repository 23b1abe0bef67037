using System.Numerics;

namespace FedChain.Ethereum.Rlp;

/// <summary>A decoded RLP value: either a byte string or a list of items.</summary>
public sealed class RlpItem
{
    private RlpItem(bool isList, byte[] bytes, IReadOnlyList<RlpItem> items)
    {
        IsList = isList;
        Bytes = bytes;
        Items = items;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList { get; }

    /// <summary>The byte string (empty for a list).</summary>
    public byte[] Bytes { get; }

    /// <summary>The list items (empty for a byte string).</summary>
    public IReadOnlyList<RlpItem> Items { get; }

    /// <summary>A byte-string item.</summary>
    public static RlpItem String(byte[] bytes) => new(false, bytes, []);

    /// <summary>A list item.</summary>
    public static RlpItem List(params RlpItem[] items) => new(true, [], items);

    /// <summary>Reads the byte string as a big-endian unsigned integer (empty is zero).</summary>
    public BigInteger ToBigInteger()
    {
        if (IsList)
        {
            throw new InvalidOperationException("RLP item is a list, not an integer.");
        }
        if (Bytes.Length > 0 && Bytes[0] == 0)
        {
            throw new FormatException("RLP integer has a leading zero byte (non-canonical).");
        }
        return new BigInteger(Bytes, isUnsigned: true, isBigEndian: true);
    }
}
