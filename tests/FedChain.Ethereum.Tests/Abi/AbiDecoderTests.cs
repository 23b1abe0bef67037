using System.Numerics;
using System.Text;
using FedChain.Ethereum.Abi;

namespace FedChain.Ethereum.Tests.Abi;

public class AbiDecoderTests
{
    [Fact]
    public void Decode_FExample_RoundTripsValues()
    {
        var data = Hex.Decode(string.Concat(AbiEncoderTests.FExpected.Where(c => !char.IsWhiteSpace(c))))[4..];
        var values = AbiDecoder.Decode(["uint256", "uint32[]", "bytes10", "bytes"], data);
        Assert.Equal(new BigInteger(0x123), values[0]);
        Assert.Equal(new object[] { new BigInteger(0x456), new BigInteger(0x789) }, (object?[])values[1]!);
        Assert.Equal("1234567890", Encoding.ASCII.GetString((byte[])values[2]!));
        Assert.Equal("Hello, world!", Encoding.ASCII.GetString((byte[])values[3]!));
    }

    [Fact]
    public void Decode_GExample_RoundTripsNestedArrays()
    {
        var data = Hex.Decode(string.Concat(AbiEncoderTests.GExpected.Where(c => !char.IsWhiteSpace(c))))[4..];
        var values = AbiDecoder.Decode(["uint256[][]", "string[]"], data);
        var outer = (object?[])values[0]!;
        Assert.Equal(2, outer.Length);
        Assert.Equal(new object[] { new BigInteger(3) }, (object?[])outer[1]!);
        Assert.Equal(new object[] { "one", "two", "three" }, (object?[])values[1]!);
    }

    [Fact]
    public void Decode_ArrayOfTuplesWithDynamicFields_RoundTrips()
    {
        var parameters = new[]
        {
            new AbiParameter("id", AbiType.Parse("bytes32")),
            new AbiParameter("items", AbiType.Parse("(address,uint64,bytes,int16)[]")),
            new AbiParameter("pair", AbiType.Parse("uint8[2]")),
        };
        var who = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        object?[] input =
        [
            Bytes32.Keccak("run"),
            new object[]
            {
                new object?[] { who, 7UL, new byte[] { 1, 2, 3 }, (short)-5 },
                new object?[] { Address.Zero, 0UL, new byte[40], (short)300 },
            },
            new[] { 1, 2 },
        ];
        var decoded = AbiDecoder.Decode(parameters, AbiEncoder.Encode(parameters, input));
        var items = (object?[])decoded[1]!;
        var first = (object?[])items[0]!;
        Assert.Equal(who, first[0]);
        Assert.Equal(new BigInteger(7), first[1]);
        Assert.Equal(new byte[] { 1, 2, 3 }, first[2]);
        Assert.Equal(new BigInteger(-5), first[3]);
        Assert.Equal(40, ((byte[])((object?[])items[1]!)[2]!).Length);
        Assert.Equal(Bytes32.Keccak("run").ToBytes(), decoded[0]);
    }

    [Fact]
    public void Decode_TruncatedData_ThrowsNamingOffset()
    {
        var ex = Assert.Throws<AbiException>(() => AbiDecoder.Decode(["uint256", "uint256"], new byte[40]));
        Assert.Contains("offset 32", ex.Message);
    }

    [Fact]
    public void Decode_OffsetBeyondData_Throws()
    {
        var data = new byte[64];
        data[31] = 0xff;
        var ex = Assert.Throws<AbiException>(() => AbiDecoder.Decode(["bytes"], data));
        Assert.Contains("exceeds", ex.Message);
    }
}
