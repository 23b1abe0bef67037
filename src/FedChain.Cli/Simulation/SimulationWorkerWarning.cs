namespace FedChain.Cli.Simulation;

/// <summary>A simulated worker's warning or error, as its log line says it.</summary>
/// <param name="Message">The formatted log message.</param>
public sealed record SimulationWorkerWarning(string Message);
