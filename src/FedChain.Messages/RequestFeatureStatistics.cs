namespace FedChain.Messages;

/// <summary>
/// Command: before round 1 of a run whose task standardises federatedly, the listed workers send their training data's
/// feature statistics (counts, sums, squared deviations; never rows), signed, by the deadline.
/// </summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">Always 0: the exchange precedes every round.</param>
/// <param name="TaskHash">The run's task hash ("0x" + 64 hex); a worker holding another task does not answer.</param>
/// <param name="SelectedWorkers">Ids of the workers asked.</param>
/// <param name="Deadline">When the aggregator fixes the standardisation from the reports it has.</param>
public sealed record RequestFeatureStatistics(
    string RunId,
    int Round,
    string TaskHash,
    IReadOnlyList<string> SelectedWorkers,
    DateTimeOffset Deadline) : IRunMessage;
