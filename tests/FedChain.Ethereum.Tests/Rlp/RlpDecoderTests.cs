using FedChain.Ethereum.Rlp;

namespace FedChain.Ethereum.Tests.Rlp;

public class RlpDecoderTests
{
    [Fact]
    public void Decode_SetTheoreticThree_RoundTrips()
    {
        var item = RlpDecoder.Decode(Hex.Decode("0xc7c0c1c0c3c0c1c0"));
        Assert.True(item.IsList);
        Assert.Equal(3, item.Items.Count);
        Assert.Empty(item.Items[0].Items);
        Assert.Single(item.Items[1].Items);
        Assert.Equal(2, item.Items[2].Items.Count);
        Assert.Equal("0xc7c0c1c0c3c0c1c0", Hex.Encode(RlpEncoder.Encode(item)));
    }

    [Fact]
    public void Decode_CatDog_GivesStrings()
    {
        var item = RlpDecoder.Decode(Hex.Decode("0xc88363617483646f67"));
        Assert.Equal(["cat", "dog"], item.Items.Select(i => System.Text.Encoding.ASCII.GetString(i.Bytes)));
    }

    [Fact]
    public void Decode_Truncated_ThrowsNamingOffset()
    {
        var ex = Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode("0x83646f")));
        Assert.Contains("declares 3 bytes", ex.Message);
    }

    [Fact]
    public void Decode_NonCanonicalSingleByte_Throws()
    {
        var ex = Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode("0x8105")));
        Assert.Contains("must be encoded as itself", ex.Message);
    }

    [Fact]
    public void Decode_TrailingBytes_Throws()
    {
        var ex = Assert.Throws<FormatException>(() => RlpDecoder.Decode(Hex.Decode("0x8000")));
        Assert.Contains("trailing", ex.Message);
    }

    [Fact]
    public void ToBigInteger_1024_Decodes() =>
        Assert.Equal(1024, (int)RlpDecoder.Decode(Hex.Decode("0x820400")).ToBigInteger());
}
