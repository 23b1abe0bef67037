using System.Text;
using Nethereum.Util;

namespace FedChain.Ethereum;

/// <summary>Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256), from Nethereum.</summary>
public static class Keccak256
{
    /// <summary>Hashes bytes.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data) => Sha3Keccack.Current.CalculateHash(data.ToArray());

    /// <summary>Hashes the UTF-8 bytes of a string (signatures, type names).</summary>
    public static byte[] Hash(string text) => Hash(Encoding.UTF8.GetBytes(text));
}
