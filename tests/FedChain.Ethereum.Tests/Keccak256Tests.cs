namespace FedChain.Ethereum.Tests;

public class Keccak256Tests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hash_KnownInputs_MatchesPublishedDigest(string input, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Keccak256.Hash(input)));
    }
}
