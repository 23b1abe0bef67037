using FedChain.Testing;

namespace FedChain.IntegrationTests.Cli;

/// <summary>Runs the built `fedchain` console as a user would: its own process, arguments, exit code and output.</summary>
public static class FedChainCli
{
    /// <summary>Runs `fedchain <paramref name="arguments"/>` in <paramref name="workingDirectory"/>.</summary>
    public static Task<ProcessRunner.Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [HostProcess.HostBinary("FedChain.Cli", "fedchain"), .. arguments],
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" }, timeout, workingDirectory);

    /// <summary>Asserts an error is one clear line (no stack trace) containing <paramref name="expected"/>.</summary>
    public static void AssertOneLineError(ProcessRunner.Result result, int exitCode, string expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit code {result.ExitCode}, expected {exitCode}: {result.Output}");
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {result.Output}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
