using System.Globalization;

namespace FedChain.Ethereum;

/// <summary>Hex encoding and decoding in Ethereum's "0x"-prefixed style.</summary>
public static class Hex
{
    /// <summary>Encodes bytes as lowercase hex with a "0x" prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex (with or without "0x"); <paramref name="what"/> names the value in error messages.</summary>
    public static byte[] Decode(string hex, string what = "hex value")
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        if (digits.Length % 2 != 0)
        {
            throw new FormatException($"{what}: hex must have an even number of digits, got {digits.Length}.");
        }
        for (var i = 0; i < digits.Length; i++)
        {
            if (!Uri.IsHexDigit(digits[i]))
            {
                throw new FormatException($"{what}: '{digits[i]}' at offset {i + (hex.Length - digits.Length)} is not a hex digit.");
            }
        }
        return Convert.FromHexString(digits);
    }

    /// <summary>Parses a JSON-RPC quantity ("0x1a") into a non-negative integer.</summary>
    public static System.Numerics.BigInteger DecodeQuantity(string hex, string what = "quantity")
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length < 3)
        {
            throw new FormatException($"{what}: expected a 0x-prefixed hex quantity, got '{hex}'.");
        }
        return System.Numerics.BigInteger.Parse("0" + hex[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity ("0x0", "0x1a").</summary>
    public static string EncodeQuantity(System.Numerics.BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A JSON-RPC quantity cannot be negative.");
        }
        if (value.IsZero)
        {
            return "0x0";
        }
        return "0x" + Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
    }
}
