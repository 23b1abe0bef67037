namespace FedChain.Aggregator.Runs;

/// <summary>What a closed round produced, persisted before the commit is sent so it can be resent after a crash.</summary>
/// <param name="NewModelHash">The aggregated model (0x hex).</param>
/// <param name="MetricsHash">SHA-256 of <paramref name="MetricsJson"/> (0x hex).</param>
/// <param name="MetricsJson">Canonical JSON of the server-side metrics.</param>
/// <param name="Accuracy">Test accuracy of the new model.</param>
/// <param name="Loss">Test loss of the new model.</param>
/// <param name="ValidationAccuracy">Validation accuracy of the new model.</param>
/// <param name="Contributions">Per-contributor scores and rewards, in arrival order.</param>
/// <param name="Timings">Seconds spent aggregating, evaluating and scoring.</param>
public sealed record RoundResult(
    string NewModelHash,
    string MetricsHash,
    string MetricsJson,
    double Accuracy,
    double Loss,
    double ValidationAccuracy,
    IReadOnlyList<ScoredContribution> Contributions,
    IReadOnlyDictionary<string, double> Timings);
