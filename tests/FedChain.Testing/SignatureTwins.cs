using System.Globalization;
using System.Numerics;
using Nethereum.Signer;

namespace FedChain.Testing;

/// <summary>
/// Variants of a valid 65-byte r || s || v signature that plain secp256k1 recovery still accepts but the ledger's
/// rules (OpenZeppelin ECDSA) refuse: the high-s twin and the raw recovery-id v (0/1).
/// </summary>
public static class SignatureTwins
{
    /// <summary>secp256k1's group order n (a published constant).</summary>
    public static readonly BigInteger CurveOrder = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", CultureInfo.InvariantCulture);

    /// <summary>(r, n - s, v flipped): the same signer recovers from it, but s is in the upper half.</summary>
    public static byte[] HighS(byte[] signature)
    {
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var twin = (CurveOrder - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = (byte[])signature.Clone();
        Array.Clear(result, 32, 32);
        twin.CopyTo(result, 64 - twin.Length);
        result[64] = signature[64] == 27 ? (byte)28 : (byte)27;
        return result;
    }

    /// <summary>The same signature with v as the raw recovery id (0 or 1) instead of 27/28.</summary>
    public static byte[] RawV(byte[] signature)
    {
        var result = (byte[])signature.Clone();
        result[64] = (byte)(signature[64] - 27);
        return result;
    }

    /// <summary>The signer's lowercase address by plain recovery, without the ledger's rules (to show a twin is "valid" secp256k1).</summary>
    public static string RecoverIgnoringRules(byte[] signature, byte[] digest)
    {
        var v = signature[64] < 27 ? (byte)(signature[64] + 27) : signature[64];
        var parsed = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], v);
        return EthECKey.RecoverFromSignature(parsed, digest).GetPublicAddress().ToLowerInvariant();
    }
}
