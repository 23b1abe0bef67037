namespace FedChain.IntegrationTests.Cli;

/// <summary>
/// Issue 15: a robust strategy configured against its own assumption is refused when the run starts, with the
/// rule it breaks, in one line and exit code 2, before anything (chain, broker, data) is touched.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StrategyRefusalTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-refusal-").FullName;

    [Theory]
    [InlineData("bulyan:2", "10", "n >= 4f + 3 = 11")]
    [InlineData("krum:4", "10", "2f + 3 = 11")]
    [InlineData("multikrum:2:9", "10", "m + f = 11")]
    [InlineData("trimmed:0.5", "10", "[0, 0.5)")]
    [InlineData("cclip:0", "10", "radius tau > 0")]
    [InlineData("cclip:-1:2", "10", "radius tau > 0")]
    public async Task Simulate_StrategyBreakingItsRule_RefusedWithTheRule(string strategy, string workers, string rule)
    {
        var result = await FedChainCli.RunAsync(_directory, Short, "simulate", "--no-chain", "--workers", workers, "--strategy", strategy);

        FedChainCli.AssertOneLineError(result, 2, rule);
    }

    [Fact]
    public async Task Simulate_UnknownAttack_RefusedNamingIt()
    {
        var result = await FedChainCli.RunAsync(_directory, Short, "simulate", "--no-chain", "--attack", "bogus", "--attackers", "1");

        FedChainCli.AssertOneLineError(result, 2, "unknown attack 'bogus'");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
