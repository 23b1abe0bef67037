using Nethereum.Util;

namespace FedChain.Ethereum;

/// <summary>A 20-byte Ethereum account address; prints in EIP-55 checksummed form.</summary>
public sealed class Address : IEquatable<Address>
{
    private readonly byte[] _bytes;
    private readonly string _lowerHex;

    private Address(byte[] bytes)
    {
        _bytes = bytes;
        _lowerHex = Convert.ToHexStringLower(bytes);
    }

    /// <summary>The zero address.</summary>
    public static Address Zero { get; } = new(new byte[20]);

    /// <summary>The 20 raw bytes (a copy).</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Wraps 20 raw bytes.</summary>
    public static Address FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 20)
        {
            throw new ArgumentException($"An address is 20 bytes, got {bytes.Length}.", nameof(bytes));
        }
        return new Address(bytes.ToArray());
    }

    /// <summary>Derives the address of an uncompressed 64-byte public key (x || y): the last 20 bytes of its Keccak-256.</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey64)
    {
        if (publicKey64.Length != 64)
        {
            throw new ArgumentException($"Expected a 64-byte uncompressed public key (x || y), got {publicKey64.Length} bytes.", nameof(publicKey64));
        }
        return new Address(Keccak256.Hash(publicKey64)[12..]);
    }

    /// <summary>
    /// Parses "0x" + 40 hex digits. All-lowercase and all-uppercase forms are accepted as unchecksummed;
    /// a mixed-case form must carry a valid EIP-55 checksum.
    /// </summary>
    public static Address Parse(string text)
    {
        if (!TryParseCore(text, out var address, out var error))
        {
            throw new FormatException(error);
        }
        return address!;
    }

    /// <summary>Parses like <see cref="Parse"/> without throwing.</summary>
    public static bool TryParse(string? text, out Address? address) => TryParseCore(text, out address, out _);

    private static bool TryParseCore(string? text, out Address? address, out string error)
    {
        address = null;
        if (text is null)
        {
            error = "Address is null.";
            return false;
        }
        if (!text.StartsWith("0x", StringComparison.Ordinal) && !text.StartsWith("0X", StringComparison.Ordinal))
        {
            error = $"Address '{text}' must start with 0x.";
            return false;
        }
        var digits = text[2..];
        if (digits.Length != 40)
        {
            error = $"Address '{text}' must have 40 hex digits after 0x, got {digits.Length}.";
            return false;
        }
        for (var i = 0; i < digits.Length; i++)
        {
            if (!Uri.IsHexDigit(digits[i]))
            {
                error = $"Address '{text}' has a non-hex character '{digits[i]}' at offset {i + 2}.";
                return false;
            }
        }
        var candidate = new Address(Convert.FromHexString(digits));
        var hasLower = digits.Any(char.IsLower);
        var hasUpper = digits.Any(char.IsUpper);
        if (hasLower && hasUpper)
        {
            var expected = candidate.ToChecksumString();
            if (!string.Equals(expected, "0x" + digits, StringComparison.Ordinal))
            {
                error = $"Address '{text}' has an invalid EIP-55 checksum (expected {expected}).";
                return false;
            }
        }
        address = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>The EIP-55 mixed-case checksummed form.</summary>
    public string ToChecksumString() => AddressUtil.Current.ConvertToChecksumAddress(_lowerHex);

    /// <summary>The lowercase "0x" form (as JSON-RPC and cast print it).</summary>
    public string ToLowerString() => "0x" + _lowerHex;

    /// <inheritdoc/>
    public override string ToString() => ToChecksumString();

    /// <inheritdoc/>
    public bool Equals(Address? other) => other is not null && string.Equals(_lowerHex, other._lowerHex, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _lowerHex.GetHashCode(StringComparison.Ordinal);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Address? left, Address? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Address? left, Address? right) => !(left == right);
}
