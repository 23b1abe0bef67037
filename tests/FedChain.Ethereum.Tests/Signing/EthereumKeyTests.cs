using System.Numerics;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

public class EthereumKeyTests
{
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public void Address_AnvilAccount0_MatchesKnownAddress()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address.ToString());
    }

    [Fact]
    public void SignHash_ManyHashes_AlwaysLowSAndRecoverable()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        for (var i = 0; i < 16; i++)
        {
            var hash = Keccak256.Hash($"message {i}");
            var signature = key.SignHash(hash);
            Assert.Equal(65, signature.Length);
            Assert.True(new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) <= HalfOrder);
            Assert.True(signature[64] is 27 or 28);
            Assert.Equal(key.Address, Recover(signature, hash));
        }
    }

    [Fact]
    public void ToString_NeverContainsPrivateKey()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", key.ToString());
    }

    [Fact]
    public void FromHex_Malformed_ErrorDoesNotEchoInput()
    {
        const string bad = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ffZZ";
        var ex = Assert.Throws<FormatException>(() => EthereumKey.FromHex(bad));
        Assert.DoesNotContain("ac0974", ex.Message);
        Assert.Contains("64 hex digits", ex.Message);
    }

    [Fact]
    public void FromBytes_Zero_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => EthereumKey.FromBytes(new byte[32]));
    }

    [Fact]
    public void RecoverAddress_TamperedHash_GivesDifferentSigner()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        var signature = key.SignHash(Keccak256.Hash("a"));
        Assert.NotEqual(key.Address, Recover(signature, Keccak256.Hash("b")));
    }

    private static readonly BigInteger HalfOrder = BigInteger.Parse("57896044618658097711785492504343953926418782139537452191302581570759080747168", System.Globalization.CultureInfo.InvariantCulture);

    private static Address Recover(byte[] signature, byte[] hash) =>
        Address.Parse(Nethereum.Signer.EthECKey.RecoverFromSignature(
            Nethereum.Signer.EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]), hash).GetPublicAddress().ToLowerInvariant());
}
