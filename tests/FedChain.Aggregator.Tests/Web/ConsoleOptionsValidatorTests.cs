using FedChain.Aggregator.Web;

namespace FedChain.Aggregator.Tests.Web;

public sealed class ConsoleOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new ConsoleOptionsValidator().Validate(null, new ConsoleOptions()).Succeeded);

    [Theory]
    [InlineData("127.0.0.1:8545")]
    [InlineData("ws://127.0.0.1:8545")]
    public void Validate_ChainUrlBrowsersCannotCall_FailsNamingTheKey(string url)
    {
        var result = new ConsoleOptionsValidator().Validate(null, new ConsoleOptions { ChainRpcUrl = url });

        Assert.True(result.Failed);
        Assert.Contains($"Console:ChainRpcUrl '{url}' is not an absolute http(s) URL", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void Validate_RefreshOutOfRange_FailsNamingTheKey(int milliseconds)
    {
        var result = new ConsoleOptionsValidator().Validate(null, new ConsoleOptions { RefreshMilliseconds = milliseconds });

        Assert.True(result.Failed);
        Assert.Contains($"Console:RefreshMilliseconds is {milliseconds}", result.FailureMessage);
    }
}
