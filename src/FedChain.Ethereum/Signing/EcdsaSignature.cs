using System.Numerics;

namespace FedChain.Ethereum.Signing;

/// <summary>A secp256k1 signature (r, s) with its recovery id (0 or 1; 2 and 3 are astronomically rare).</summary>
/// <param name="R">r, 1 .. n-1.</param>
/// <param name="S">s, 1 .. n-1 (low-s when produced here).</param>
/// <param name="RecoveryId">Recovery id (y parity of R, plus 2 when r overflowed n).</param>
public sealed record EcdsaSignature(BigInteger R, BigInteger S, byte RecoveryId)
{
    /// <summary>The "v" of personal/typed-data signatures: 27 + recovery id.</summary>
    public byte V => (byte)(27 + RecoveryId);

    /// <summary>True when s is in the lower half of the curve order (EIP-2; required by OpenZeppelin ECDSA).</summary>
    public bool IsLowS => S <= Secp256k1.HalfN;

    /// <summary>The 65-byte form r || s || v with v = 27 or 28 (what ecrecover-based verifiers expect).</summary>
    public byte[] ToBytes()
    {
        var result = new byte[65];
        Write32(R, result.AsSpan(0, 32));
        Write32(S, result.AsSpan(32, 32));
        result[64] = V;
        return result;
    }

    /// <summary>r as 32 big-endian bytes.</summary>
    public byte[] RBytes()
    {
        var result = new byte[32];
        Write32(R, result);
        return result;
    }

    /// <summary>s as 32 big-endian bytes.</summary>
    public byte[] SBytes()
    {
        var result = new byte[32];
        Write32(S, result);
        return result;
    }

    /// <summary>Parses a 65-byte r || s || v signature (v = 0, 1, 27 or 28).</summary>
    public static EcdsaSignature FromBytes(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 65)
        {
            throw new FormatException($"A signature is 65 bytes (r || s || v), got {signature.Length}.");
        }
        var v = signature[64];
        var recoveryId = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => throw new FormatException($"Signature v byte is {v}; expected 27 or 28 (or 0 or 1)."),
        };
        return new EcdsaSignature(
            new BigInteger(signature[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(signature[32..64], isUnsigned: true, isBigEndian: true),
            recoveryId);
    }

    /// <summary>Parses a 0x-prefixed 65-byte signature.</summary>
    public static EcdsaSignature Parse(string hex) => FromBytes(Hex.Decode(hex, "signature"));

    /// <summary>Recovers the 64-byte public key that signed <paramref name="hash"/>, or throws when none does.</summary>
    public byte[] RecoverPublicKey(byte[] hash) =>
        Secp256k1.Recover(hash, R, S, RecoveryId)
        ?? throw new FormatException("Signature does not recover to any public key (r, s or v out of range).");

    /// <summary>Recovers the signer's address for <paramref name="hash"/>.</summary>
    public Address RecoverAddress(byte[] hash) => Address.FromPublicKey(RecoverPublicKey(hash));

    /// <inheritdoc/>
    public override string ToString() => Hex.Encode(ToBytes());

    private static void Write32(BigInteger value, Span<byte> destination)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 32)
        {
            throw new InvalidOperationException("Signature component exceeds 32 bytes.");
        }
        destination.Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }
}
