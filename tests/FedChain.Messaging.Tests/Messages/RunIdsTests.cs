using FedChain.Messages;

namespace FedChain.Messaging.Tests.Messages;

public sealed class RunIdsTests
{
    [Fact]
    public void Format_ThirtyTwoBytes_GivesLowercaseHexWithPrefix()
    {
        var id = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

        var text = RunIds.Format(id);

        Assert.Equal("0x00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9", text);
        Assert.Equal(id, RunIds.Parse(text));
    }

    [Fact]
    public void Parse_UppercaseHex_IsAccepted() =>
        Assert.Equal(0xAB, RunIds.Parse("0x" + new string('0', 62) + "AB")[31]);

    [Theory]
    [InlineData("")]
    [InlineData("0x1234")]
    [InlineData("1x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0x000000000000000000000000000000000000000000000000000000000000000g")]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_Malformed_ThrowsNamingTheValue(string value)
    {
        Assert.False(RunIds.IsValid(value));
        var e = Assert.Throws<FormatException>(() => RunIds.Parse(value));
        Assert.Contains($"'{value}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WrongLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RunIds.Format(new byte[31]));
        Assert.StartsWith("a run id is 32 bytes, got 31", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void None_IsAValidZeroId() => Assert.Equal(new byte[32], RunIds.Parse(RunIds.None));
}
