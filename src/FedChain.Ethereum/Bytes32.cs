namespace FedChain.Ethereum;

/// <summary>A 32-byte value (a Solidity bytes32: hashes, ids) with value equality and hex printing.</summary>
public readonly struct Bytes32 : IEquatable<Bytes32>
{
    private readonly byte[]? _bytes;

    private Bytes32(byte[] bytes) => _bytes = bytes;

    /// <summary>All zero bytes.</summary>
    public static Bytes32 Zero => new(new byte[32]);

    /// <summary>Wraps exactly 32 bytes (copied).</summary>
    public static Bytes32 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"A bytes32 value is 32 bytes, got {bytes.Length}.", nameof(bytes));
        }
        return new Bytes32(bytes.ToArray());
    }

    /// <summary>Parses "0x" + 64 hex digits.</summary>
    public static Bytes32 Parse(string hex)
    {
        var bytes = Hex.Decode(hex, "bytes32");
        if (bytes.Length != 32)
        {
            throw new FormatException($"bytes32 '{hex}' must be 32 bytes (64 hex digits), got {bytes.Length} bytes.");
        }
        return new Bytes32(bytes);
    }

    /// <summary>The Keccak-256 of a UTF-8 string, as Solidity's keccak256(bytes(text)).</summary>
    public static Bytes32 Keccak(string text) => new(Keccak256.Hash(text));

    /// <summary>The 32 bytes (a copy).</summary>
    public byte[] ToBytes() => (byte[])(_bytes ?? new byte[32]).Clone();

    /// <summary>Read-only view of the bytes.</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? new byte[32];

    /// <inheritdoc/>
    public override string ToString() => Hex.Encode(Span);

    /// <inheritdoc/>
    public bool Equals(Bytes32 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Bytes32 left, Bytes32 right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Bytes32 left, Bytes32 right) => !left.Equals(right);
}
