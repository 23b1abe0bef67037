namespace FedChain.Messages;

/// <summary>Command to the aggregator: start a run with this configuration (round 0: no round has started yet).</summary>
/// <param name="RunId">The run's bytes32 id, "0x" + 64 hex digits.</param>
/// <param name="Round">Always 0.</param>
/// <param name="Configuration">Model, strategy, rounds, selection, local training and reward settings.</param>
/// <param name="RequestedBy">Who asked (operator name or address), for the record.</param>
public sealed record StartRun(string RunId, int Round, RunConfiguration Configuration, string RequestedBy) : IRunMessage;
