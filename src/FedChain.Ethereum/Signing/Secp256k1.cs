using System.Numerics;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace FedChain.Ethereum.Signing;

/// <summary>secp256k1 signing (RFC 6979, low-s) and public-key recovery over BouncyCastle's curve arithmetic.</summary>
internal static class Secp256k1
{
    // The custom curve has specialised field arithmetic and the GLV endomorphism: ~20x faster than the generic Fp curve.
    private static readonly Org.BouncyCastle.Asn1.X9.X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    private static readonly BigInteger P = ToBig(Curve.Curve.Field.Characteristic);

    public static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);

    public static readonly BigInteger N = ToBig(Curve.N);

    public static readonly BigInteger HalfN = N >> 1;

    public static bool IsValidPrivateKey(ReadOnlySpan<byte> key)
    {
        var d = new BigInteger(key, isUnsigned: true, isBigEndian: true);
        return key.Length == 32 && d.Sign > 0 && d < N;
    }

    public static byte[] PublicKey(byte[] privateKey)
    {
        var q = Domain.G.Multiply(new BcBigInteger(1, privateKey)).Normalize();
        return q.GetEncoded(false)[1..];
    }

    public static EcdsaSignature Sign(byte[] privateKey, byte[] hash)
    {
        if (hash.Length != 32)
        {
            throw new ArgumentException($"Expected a 32-byte hash to sign, got {hash.Length} bytes.", nameof(hash));
        }
        // ECDSA as in BouncyCastle's ECDsaSigner, kept inline so the nonce point R gives the recovery id directly.
        var n = Curve.N;
        var d = new BcBigInteger(1, privateKey);
        var e = new BcBigInteger(1, hash);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(n, d, hash);
        var multiplier = new FixedPointCombMultiplier();
        while (true)
        {
            var k = kCalculator.NextK();
            var point = multiplier.Multiply(Domain.G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(n);
            if (r.SignValue == 0)
            {
                continue;
            }
            var s = k.ModInverse(n).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (s.SignValue == 0)
            {
                continue;
            }
            var recoveryId = (byte)((point.AffineYCoord.ToBigInteger().TestBit(0) ? 1 : 0) | (x.CompareTo(n) >= 0 ? 2 : 0));
            var sValue = ToBig(s);
            if (sValue > HalfN)
            {
                // Ethereum (EIP-2) accepts only the lower of the two equivalent s values; negating s flips R's parity.
                sValue = N - sValue;
                recoveryId ^= 1;
            }
            return new EcdsaSignature(ToBig(r), sValue, recoveryId);
        }
    }

    /// <summary>SEC 1 v2, section 4.1.6: the public key (x || y) that produced (r, s) over hash, or null.</summary>
    public static byte[]? Recover(byte[] hash, BigInteger r, BigInteger s, int recoveryId)
    {
        if (r.Sign <= 0 || r >= N || s.Sign <= 0 || s >= N || recoveryId is < 0 or > 3)
        {
            return null;
        }
        var x = r + (recoveryId / 2) * N;
        if (x >= P)
        {
            return null;
        }
        var xBytes = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        var encoded = new byte[33];
        encoded[0] = (byte)((recoveryId & 1) == 0 ? 0x02 : 0x03);
        xBytes.CopyTo(encoded, 33 - xBytes.Length);
        ECPoint rPoint;
        try
        {
            rPoint = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var e = new BcBigInteger(1, hash);
        var n = Curve.N;
        var rInv = ToBc(r).ModInverse(n);
        var eNeg = BcBigInteger.Zero.Subtract(e).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, rInv.Multiply(eNeg).Mod(n), rPoint, rInv.Multiply(ToBc(s)).Mod(n)).Normalize();
        if (q.IsInfinity)
        {
            return null;
        }
        return q.GetEncoded(false)[1..];
    }

    private static BigInteger ToBig(BcBigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BcBigInteger ToBc(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
