using System.Globalization;
using System.Numerics;

namespace FedChain.Ethereum.Abi;

/// <summary>Human-readable rendering of decoded ABI values (for messages and logs).</summary>
public static class AbiFormatter
{
    /// <summary>Formats a decoded value: integers in decimal, bytes in hex, arrays and tuples in brackets.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Hex.Encode(bytes),
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        object?[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
