namespace FedChain.Ethereum.Tests;

public class AddressTests
{
    // EIP-55 test vectors: all-caps, all-lower and mixed-case checksummed addresses.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToChecksumString_Eip55Vectors_RoundTrips(string address)
    {
        var parsed = Address.Parse(address.ToLowerInvariant());
        Assert.Equal(address, parsed.ToChecksumString());
        Assert.Equal(parsed, Address.Parse(address));
    }

    [Fact]
    public void Parse_WrongChecksum_ThrowsNamingExpected()
    {
        var ex = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("invalid EIP-55 checksum", ex.Message);
        Assert.Contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", ex.Message);
    }

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "must start with 0x")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "40 hex digits")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAgd", "non-hex character 'g' at offset 40")]
    public void Parse_Malformed_ThrowsNamingProblem(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => Address.Parse(text));
        Assert.Contains(expected, ex.Message);
    }
}
