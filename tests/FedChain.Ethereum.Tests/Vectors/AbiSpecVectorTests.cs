using System.Numerics;
using System.Text;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;

namespace FedChain.Ethereum.Tests.Vectors;

/// <summary>Examples from the Solidity ABI specification (docs/abi-spec.rst), encoded with Nethereum's ABI encoder FedChain uses.</summary>
public class AbiSpecVectorTests
{
    private static string Strip(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static string Call(string signature, params ABIValue[] values) =>
        Convert.ToHexStringLower(Keccak256.Hash(signature)[..4]) + new ABIEncode().GetABIEncoded(values).ToHex();

    [Fact]
    public void Encode_Baz_MatchesSolidityDocs() =>
        Assert.Equal(
            "cdcd77c000000000000000000000000000000000000000000000000000000000000000450000000000000000000000000000000000000000000000000000000000000001",
            Call("baz(uint32,bool)", new ABIValue("uint32", 69), new ABIValue("bool", true)));

    [Fact]
    public void Encode_Sam_MatchesSolidityDocs() =>
        Assert.Equal(
            "a5643bf20000000000000000000000000000000000000000000000000000000000000060000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000a0000000000000000000000000000000000000000000000000000000000000000464617665000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000003",
            Call("sam(bytes,bool,uint256[])", new ABIValue("bytes", Encoding.ASCII.GetBytes("dave")), new ABIValue("bool", true), new ABIValue("uint256[]", new List<BigInteger> { 1, 2, 3 })));

    private const string FExpected = @"8be65246
      0000000000000000000000000000000000000000000000000000000000000123
      0000000000000000000000000000000000000000000000000000000000000080
      3132333435363738393000000000000000000000000000000000000000000000
      00000000000000000000000000000000000000000000000000000000000000e0
      0000000000000000000000000000000000000000000000000000000000000002
      0000000000000000000000000000000000000000000000000000000000000456
      0000000000000000000000000000000000000000000000000000000000000789
      000000000000000000000000000000000000000000000000000000000000000d
      48656c6c6f2c20776f726c642100000000000000000000000000000000000000";

    [Fact]
    public void Encode_FWithDynamicTypes_MatchesSolidityDocs() =>
        Assert.Equal(
            Strip(FExpected),
            Call("f(uint256,uint32[],bytes10,bytes)",
                new ABIValue("uint256", new BigInteger(0x123)),
                new ABIValue("uint32[]", new List<uint> { 0x456, 0x789 }),
                new ABIValue("bytes10", Encoding.ASCII.GetBytes("1234567890")),
                new ABIValue("bytes", Encoding.ASCII.GetBytes("Hello, world!"))));

    [Fact]
    public void Decode_BazArguments_RoundTrips()
    {
        var data = "0x" + Call("baz(uint32,bool)", new ABIValue("uint32", 69), new ABIValue("bool", true))[8..];
        var decoded = new Nethereum.ABI.FunctionEncoding.ParameterDecoder().DecodeDefaultData(data,
            new Nethereum.ABI.Model.Parameter("uint32", "x", 1), new Nethereum.ABI.Model.Parameter("bool", "y", 2));
        Assert.Equal(new BigInteger(69), (BigInteger)decoded[0].Result);
        Assert.True((bool)decoded[1].Result);
    }
}
