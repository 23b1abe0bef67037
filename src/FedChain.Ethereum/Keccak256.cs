using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace FedChain.Ethereum;

/// <summary>Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256).</summary>
public static class Keccak256
{
    /// <summary>Hashes bytes.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        var input = data.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>Hashes the UTF-8 bytes of a string (signatures, type names).</summary>
    public static byte[] Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>Hashes the concatenation of several byte strings without building it first.</summary>
    public static byte[] HashConcat(params byte[][] parts)
    {
        var digest = new KeccakDigest(256);
        foreach (var part in parts)
        {
            digest.BlockUpdate(part, 0, part.Length);
        }
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
