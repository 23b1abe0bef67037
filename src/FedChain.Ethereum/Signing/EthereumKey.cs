using System.Security.Cryptography;

namespace FedChain.Ethereum.Signing;

/// <summary>
/// A secp256k1 private key with its public key and address. The private key never appears in
/// <see cref="ToString"/>, exceptions or logs; Dispose zeroes it.
/// </summary>
public sealed class EthereumKey : IDisposable
{
    private readonly byte[] _privateKey;
    private bool _disposed;

    private EthereumKey(byte[] privateKey)
    {
        if (!Secp256k1.IsValidPrivateKey(privateKey))
        {
            CryptographicOperations.ZeroMemory(privateKey);
            throw new ArgumentException("Private key is not a valid secp256k1 scalar (must be 32 bytes, 1 <= key < n).");
        }
        _privateKey = privateKey;
        PublicKey = Secp256k1.PublicKey(privateKey);
        Address = Address.FromPublicKey(PublicKey);
    }

    /// <summary>The uncompressed public key, x || y (64 bytes).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The account address.</summary>
    public Address Address { get; }

    /// <summary>Wraps 32 private-key bytes (copied).</summary>
    public static EthereumKey FromBytes(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException($"A private key is 32 bytes, got {privateKey.Length}.", nameof(privateKey));
        }
        return new EthereumKey(privateKey.ToArray());
    }

    /// <summary>Parses a 64-hex-digit private key (0x optional). Errors describe the shape, never the content.</summary>
    public static EthereumKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }
        if (digits.Length != 64 || !digits.All(Uri.IsHexDigit))
        {
            throw new FormatException($"Private key must be 64 hex digits (optionally 0x-prefixed); got {digits.Length} characters{(digits.All(Uri.IsHexDigit) ? string.Empty : " including non-hex ones")}.");
        }
        return new EthereumKey(Convert.FromHexString(digits));
    }

    /// <summary>Creates a fresh random key from the OS CSPRNG.</summary>
    public static EthereumKey Generate()
    {
        while (true)
        {
            var candidate = RandomNumberGenerator.GetBytes(32);
            if (Secp256k1.IsValidPrivateKey(candidate))
            {
                return new EthereumKey(candidate);
            }
        }
    }

    /// <summary>Signs a 32-byte hash: RFC 6979 deterministic k, low-s, with the recovery id.</summary>
    public EcdsaSignature SignHash(byte[] hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Secp256k1.Sign(_privateKey, hash);
    }

    /// <summary>The raw private key, for keystore encryption inside this assembly only.</summary>
    internal byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_privateKey.Clone();
    }

    /// <inheritdoc/>
    public override string ToString() => $"EthereumKey({Address}, private key redacted)";

    /// <inheritdoc/>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_privateKey);
        _disposed = true;
    }
}
