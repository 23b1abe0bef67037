using System.Numerics;
using System.Security.Cryptography;
using Nethereum.Signer;

namespace FedChain.Ethereum.Signing;

/// <summary>
/// A secp256k1 private key (Nethereum's <see cref="EthECKey"/>) with its address. The private key never appears in
/// <see cref="ToString"/>, exceptions or logs; Dispose zeroes FedChain's copy.
/// </summary>
public sealed class EthereumKey : IDisposable
{
    // secp256k1's group order n: a private key must be 1 <= key < n.
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private readonly byte[] _privateKey;
    private readonly EthECKey _key;
    private bool _disposed;

    private EthereumKey(byte[] privateKey)
    {
        var scalar = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        if (scalar.IsZero || scalar >= CurveOrder)
        {
            CryptographicOperations.ZeroMemory(privateKey);
            throw new ArgumentException("Private key is not a valid secp256k1 scalar (must be 32 bytes, 1 <= key < n).");
        }
        _privateKey = privateKey;
        _key = new EthECKey(privateKey, isPrivate: true);
        Address = Address.FromBytes(_key.GetPublicAddressAsBytes());
    }

    /// <summary>The account address.</summary>
    public Address Address { get; }

    /// <summary>Nethereum's key, for signing inside FedChain's own assemblies only.</summary>
    internal EthECKey EcKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

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
            var scalar = new BigInteger(candidate, isUnsigned: true, isBigEndian: true);
            if (!scalar.IsZero && scalar < CurveOrder)
            {
                return new EthereumKey(candidate);
            }
        }
    }

    /// <summary>Signs a 32-byte hash (RFC 6979, low s): the 65-byte r || s || v signature with v of 27 or 28.</summary>
    public byte[] SignHash(byte[] hash)
    {
        var signature = EcKey.SignAndCalculateV(hash);
        return [.. Pad32(signature.R), .. Pad32(signature.S), .. signature.V];
    }

    /// <summary>The raw private key, for keystore encryption inside FedChain's assemblies only.</summary>
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

    private static byte[] Pad32(byte[] value) => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];
}
