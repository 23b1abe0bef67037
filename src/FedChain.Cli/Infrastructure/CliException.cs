namespace FedChain.Cli.Infrastructure;

/// <summary>An error the user can act on: printed as one line, never with a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code (1: failed, 2: bad usage or input).</summary>
    public int ExitCode { get; } = exitCode;
}
