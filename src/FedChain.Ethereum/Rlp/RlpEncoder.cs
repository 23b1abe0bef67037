using System.Numerics;
using System.Text;

namespace FedChain.Ethereum.Rlp;

/// <summary>Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B).</summary>
public static class RlpEncoder
{
    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            return [bytes[0]];
        }
        return Concat(Prefix(bytes.Length, 0x80), bytes);
    }

    /// <summary>Encodes a UTF-8 string as a byte string.</summary>
    public static byte[] EncodeString(string text) => EncodeBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Encodes a non-negative integer as its minimal big-endian bytes (zero is the empty string).</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "RLP integers cannot be negative.");
        }
        return EncodeBytes(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a list whose items are already RLP-encoded.</summary>
    public static byte[] EncodeList(params byte[][] encodedItems)
    {
        var length = encodedItems.Sum(i => i.Length);
        var payload = new byte[length];
        var offset = 0;
        foreach (var item in encodedItems)
        {
            item.CopyTo(payload, offset);
            offset += item.Length;
        }
        return Concat(Prefix(length, 0xc0), payload);
    }

    /// <summary>Encodes an <see cref="RlpItem"/> tree.</summary>
    public static byte[] Encode(RlpItem item) =>
        item.IsList ? EncodeList(item.Items.Select(Encode).ToArray()) : EncodeBytes(item.Bytes);

    private static byte[] Prefix(int length, byte offset)
    {
        if (length < 56)
        {
            return [(byte)(offset + length)];
        }
        var lengthBytes = new BigInteger(length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return Concat([(byte)(offset + 55 + lengthBytes.Length)], lengthBytes);
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        return result;
    }
}
