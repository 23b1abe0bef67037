using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

// The Mail example from EIP-712 (assets/eip-712/Example.js).
public class Eip712EncoderTests
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

    [Fact]
    public void EncodeType_Mail_ListsDependencies()
    {
        var data = TypedData.FromJson(MailJson);
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", Eip712Encoder.EncodeType(data.Types, "Mail"));
    }

    [Fact]
    public void HashStruct_Mail_MatchesEip()
    {
        var data = TypedData.FromJson(MailJson);
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Hex.Encode(Eip712Encoder.DomainSeparator(data)));
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", Hex.Encode(Eip712Encoder.HashStruct(data.Types, "Mail", data.Message)));
    }

    [Fact]
    public void Digest_Mail_MatchesEip()
    {
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Hex.Encode(Eip712Encoder.Digest(TypedData.FromJson(MailJson))));
    }

    [Fact]
    public void Sign_MailWithCowKey_MatchesEipSignature()
    {
        var data = TypedData.FromJson(MailJson);
        using var cow = EthereumKey.FromBytes(Keccak256.Hash("cow"));
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", cow.Address.ToString());
        var signature = Eip712Signer.Sign(data, cow);
        Assert.Equal(28, signature.V);
        Assert.Equal(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
            signature.ToString());
        Assert.Equal(cow.Address, Eip712Signer.RecoverSigner(data, signature));
    }

    [Fact]
    public void Separator_DomainRecord_EqualsJsonDomain()
    {
        var domain = new Eip712Domain("Ether Mail", "1", 1, Address.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Hex.Encode(domain.Separator()));
    }

    [Fact]
    public void HashStruct_MissingField_NamesIt()
    {
        var data = TypedData.FromJson(MailJson);
        var message = new Dictionary<string, object?>(data.Message);
        message.Remove("contents");
        var ex = Assert.Throws<ArgumentException>(() => Eip712Encoder.HashStruct(data.Types, "Mail", message));
        Assert.Contains("Mail.contents", ex.Message);
    }

    // The arrays example of eth_signTypedData_v4 (MetaMask eth-sig-util): arrays of structs and of addresses.
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
    public void Digest_MailWithArrays_MatchesSigUtilV4()
    {
        var data = TypedData.FromJson(MailWithArraysJson);
        Assert.Equal("Mail(Person from,Person[] to,string contents)Person(string name,address[] wallets)", Eip712Encoder.EncodeType(data.Types, "Mail"));
        Assert.Equal("0x4bd8a9a2b93427bb184aca81e24beb30ffa3c747e2a33d4225ec08bf12e2e753", Hex.Encode(Eip712Encoder.TypeHash(data.Types, "Mail")));
        Assert.Equal("0xeb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8", Hex.Encode(Eip712Encoder.HashStruct(data.Types, "Mail", data.Message)));
        Assert.Equal("0xa85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2", Hex.Encode(Eip712Encoder.Digest(data)));
    }
}
