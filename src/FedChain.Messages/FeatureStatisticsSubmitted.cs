namespace FedChain.Messages;

/// <summary>Event: a worker reports its training data's feature statistics for a run's federated standardisation.</summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">Always 0: the exchange precedes every round.</param>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="Address">The worker's Ethereum address, which <paramref name="Signature"/> must recover to.</param>
/// <param name="TaskHash">The task the statistics were computed for.</param>
/// <param name="Count">Training samples covered.</param>
/// <param name="Sum">Per feature, the sum over those samples (<see cref="Float64Payload"/>).</param>
/// <param name="SquaredDeviations">Per feature, the sum of squared deviations from the site's own mean (<see cref="Float64Payload"/>).</param>
/// <param name="Signature">65-byte EIP-712 signature of FeatureStatistics(runId, taskHash, statisticsHash) under the ledger's domain.</param>
public sealed record FeatureStatisticsSubmitted(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    string TaskHash,
    long Count,
    byte[] Sum,
    byte[] SquaredDeviations,
    byte[] Signature) : IRunMessage;
