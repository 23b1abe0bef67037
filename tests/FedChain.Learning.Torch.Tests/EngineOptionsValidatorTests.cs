namespace FedChain.Learning.Torch.Tests;

public sealed class EngineOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EngineOptions.MaxThreads)]
    public void Validate_AutoOrACount_Succeeds(int threads) =>
        Assert.True(new EngineOptionsValidator("Worker:Engine").Validate(null, new EngineOptions { Threads = threads }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(EngineOptions.MaxThreads + 1)]
    public void Validate_OutOfRange_OneLineNamingTheSetting(int threads)
    {
        var result = new EngineOptionsValidator("Aggregator:Engine").Validate(null, new EngineOptions { Threads = threads });
        Assert.True(result.Failed);
        Assert.StartsWith($"Aggregator:Engine:Threads is {threads}: expected 0", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.FailureMessage);
    }
}
