using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace FedChain.Ethereum.Tests.Vectors;

/// <summary>The Mail example from EIP-712 (and eth-sig-util's arrays variant), through Nethereum's typed-data signer FedChain uses.</summary>
public class Eip712MailVectorTests
{
    public const string MailJson = """
    {
      "types": {
        "EIP712Domain": [
          {"name":"name","type":"string"},{"name":"version","type":"string"},
          {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person": [{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
        "Mail": [{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]
      },
      "primaryType": "Mail",
      "domain": {"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
      "message": {
        "from": {"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
        "to": {"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
        "contents": "Hello, Bob!"
      }
    }
    """;

    private const string MailWithArraysJson = """
    {
      "types": {
        "EIP712Domain": [
          {"name":"name","type":"string"},{"name":"version","type":"string"},
          {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person": [{"name":"name","type":"string"},{"name":"wallets","type":"address[]"}],
        "Mail": [{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}],
        "Group": [{"name":"name","type":"string"},{"name":"members","type":"Person[]"}]
      },
      "primaryType": "Mail",
      "domain": {"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
      "message": {
        "from": {"name":"Cow","wallets":["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
        "to": [{"name":"Bob","wallets":["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB","0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57","0xB0B0b0b0b0b0B000000000000000000000000000"]}],
        "contents": "Hello, Bob!"
      }
    }
    """;

    [Fact]
    public void Hashes_Mail_MatchEip()
    {
        var hashes = Eip712TypedDataEncoder.Current.CalculateTypedDataHashes(MailJson);
        Assert.Equal("f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", hashes.DomainHash.ToHex());
        Assert.Equal("c52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", hashes.MessageHash.ToHex());
        Assert.Equal("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", hashes.TypedDataHash.ToHex());
    }

    [Fact]
    public void SignTypedDataV4_MailWithCowKey_MatchesEipSignature()
    {
        using var cow = FedChain.Ethereum.Signing.EthereumKey.FromBytes(Keccak256.Hash("cow"));
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", cow.Address.ToString());
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(MailJson, cow.EcKey);
        Assert.Equal(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
            signature);
        Assert.Equal(cow.Address.ToLowerString(), new Eip712TypedDataSigner().RecoverFromSignatureV4(MailJson, signature, "message").ToLowerInvariant());
    }

    [Fact]
    public void Hash_MailWithArrays_MatchesSigUtilV4()
    {
        var hashes = Eip712TypedDataEncoder.Current.CalculateTypedDataHashes(MailWithArraysJson);
        Assert.Equal("eb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8", hashes.MessageHash.ToHex());
        Assert.Equal("a85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2", hashes.TypedDataHash.ToHex());
    }
}
