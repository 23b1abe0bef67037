using System.Text.Json.Serialization;

namespace FedChain.Messages;

/// <summary>Everything that defines a federated run; fixed for the run's lifetime so results can be recomputed.</summary>
/// <param name="ModelName">The model architecture, e.g. "logreg", "mlp", "cnn".</param>
/// <param name="StrategyName">The aggregation strategy, e.g. "fedavg", "fedprox", "median".</param>
/// <param name="StrategyParameters">Strategy-specific settings as invariant-culture strings (e.g. "mu" = "0.01").</param>
/// <param name="Rounds">How many rounds to run.</param>
/// <param name="WorkersPerRound">How many workers are selected each round (0 = use <paramref name="FractionFit"/>).</param>
/// <param name="FractionFit">Fraction of available workers selected each round when <paramref name="WorkersPerRound"/> is 0.</param>
/// <param name="MinUpdates">Quorum: the fewest accepted updates a round may be aggregated from at its deadline.</param>
/// <param name="LocalEpochs">Local training epochs per round.</param>
/// <param name="BatchSize">Local mini-batch size.</param>
/// <param name="LearningRate">Local learning rate.</param>
/// <param name="Seed">Seed every random choice of the run derives from.</param>
/// <param name="RoundTimeout">How long a round stays open for updates.</param>
/// <param name="ContributionPolicy">How contributions are scored, e.g. "sample-share".</param>
/// <param name="RewardPerRound">Tokens minted per round (base units, decimal string), split by contribution.</param>
public sealed record RunConfiguration(
    string ModelName,
    string StrategyName,
    IReadOnlyDictionary<string, string> StrategyParameters,
    int Rounds,
    int WorkersPerRound,
    double FractionFit,
    int MinUpdates,
    int LocalEpochs,
    int BatchSize,
    double LearningRate,
    long Seed,
    TimeSpan RoundTimeout,
    string ContributionPolicy,
    string RewardPerRound)
{
    /// <summary>Stop the run once the global model's test accuracy reaches this fraction (0: run every round).</summary>
    public double TargetAccuracy { get; init; }

    /// <summary>The training engine every party runs: "torch" (TorchSharp, the default) or "native" (the bit-reproducible C# kernels).</summary>
    public string Engine { get; init; } = "torch";

    /// <summary>The run's client-side differential-privacy terms (null: no DP); covered by the spec hash, left out of it when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunPrivacyTerms? Privacy { get; init; }

    /// <summary>The task the run trains (model, input schema, held-out sets), or null for an MNIST run; an MNIST run's spec is unchanged by it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunTask? Task { get; init; }
}
