using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FedChain.Cli.Simulation;

/// <summary>
/// The simulated workers' warnings and errors (a site refusing a round, a diverged local training), relayed to the
/// console through the simulation's event channel: `simulate` shows no other log, and these explain a missing or zeroed update.
/// </summary>
public sealed class SimulationWorkerLog(Channel<object> events) : ILoggerProvider, ILogger
{
    /// <summary>True for the categories relayed when this is a host's logging provider: the worker side's.</summary>
    public static bool Relays(string? category, LogLevel level) =>
        level >= LogLevel.Warning && category?.StartsWith("FedChain.Worker", StringComparison.Ordinal) == true;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => this;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            events.Writer.TryWrite(new SimulationWorkerWarning(formatter(state, exception)));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
