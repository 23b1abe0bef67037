using System.Numerics;
using FedChain.Ethereum.Rlp;

namespace FedChain.Ethereum.Tests.Rlp;

public class RlpEncoderTests
{
    [Fact]
    public void EncodeString_Dog_IsSpecVector() => Assert.Equal("0x83646f67", Hex.Encode(RlpEncoder.EncodeString("dog")));

    [Fact]
    public void EncodeList_CatDog_IsSpecVector() =>
        Assert.Equal("0xc88363617483646f67", Hex.Encode(RlpEncoder.EncodeList(RlpEncoder.EncodeString("cat"), RlpEncoder.EncodeString("dog"))));

    [Fact]
    public void EncodeString_Empty_Is0x80() => Assert.Equal("0x80", Hex.Encode(RlpEncoder.EncodeString("")));

    [Fact]
    public void EncodeList_Empty_Is0xc0() => Assert.Equal("0xc0", Hex.Encode(RlpEncoder.EncodeList()));

    [Theory]
    [InlineData(0, "0x80")]
    [InlineData(15, "0x0f")]
    [InlineData(1024, "0x820400")]
    public void EncodeInteger_SpecVectors(int value, string expected) =>
        Assert.Equal(expected, Hex.Encode(RlpEncoder.EncodeInteger(new BigInteger(value))));

    [Fact]
    public void EncodeBytes_ZeroByte_IsItself() => Assert.Equal("0x00", Hex.Encode(RlpEncoder.EncodeBytes([0x00])));

    [Fact]
    public void Encode_SetTheoreticThree_IsSpecVector()
    {
        // [ [], [[]], [ [], [[]] ] ]
        var empty = RlpItem.List();
        var one = RlpItem.List(empty);
        var item = RlpItem.List(empty, one, RlpItem.List(empty, one));
        Assert.Equal("0xc7c0c1c0c3c0c1c0", Hex.Encode(RlpEncoder.Encode(item)));
    }

    [Fact]
    public void EncodeString_LoremIpsum56_UsesLongForm()
    {
        const string lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
        var encoded = RlpEncoder.EncodeString(lorem);
        Assert.Equal("0xb838", Hex.Encode(encoded[..2]));
        Assert.Equal(lorem, System.Text.Encoding.ASCII.GetString(encoded[2..]));
    }
}
