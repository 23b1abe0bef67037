namespace FedChain.Messages;

/// <summary>Event: the aggregator left a worker's feature statistics out of the run's standardisation; the others go on.</summary>
/// <param name="RunId">The run's bytes32 id (as claimed).</param>
/// <param name="Round">Always 0.</param>
/// <param name="WorkerId">The worker that sent them (as claimed).</param>
/// <param name="Message">One line: what was wrong.</param>
public sealed record FeatureStatisticsRejected(string RunId, int Round, string WorkerId, string Message) : IRunMessage;
