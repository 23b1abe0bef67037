using System.Text.Json.Serialization;

namespace FedChain.Cli.Simulation;

/// <summary>The JSON summary of a simulation (`--json PATH`): configuration, ledger, every round, rounds to target.</summary>
/// <param name="Config">The settings, with the noisy workers' ids.</param>
/// <param name="Ledger">Where the run was recorded (null with --no-chain).</param>
/// <param name="Rounds">Every committed round.</param>
/// <param name="RoundsToTarget">The first round that reached the target accuracy, or null.</param>
/// <param name="Status">finished or failed, with the reason when failed.</param>
/// <param name="StateDirectory">The aggregator's state: its SQLite store and the content-addressed models and updates (blobs/ab/abcd...).</param>
public sealed record SimulationReport(
    [property: JsonPropertyName("config")] SimulationConfigReport Config,
    [property: JsonPropertyName("ledger")] LedgerReport? Ledger,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundReport> Rounds,
    [property: JsonPropertyName("roundsToTarget")] int? RoundsToTarget,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("stateDirectory")] string StateDirectory);

/// <summary>The settings as run.</summary>
public sealed record SimulationConfigReport(
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("rounds")] int Rounds,
    [property: JsonPropertyName("fraction")] double Fraction,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("partition")] string Partition,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("contribution")] string Contribution,
    [property: JsonPropertyName("targetAccuracy")] double TargetAccuracy,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("noisyWorkers")] IReadOnlyList<string> NoisyWorkers)
{
    /// <summary>The training engine the run used: torch or native.</summary>
    [JsonPropertyName("engine")]
    public string Engine { get; init; } = "torch";

    /// <summary>The run id (given with --run-id, or derived from the seed and the spec).</summary>
    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>The run's client-side DP terms (null: no DP).</summary>
    [JsonPropertyName("privacy")]
    public Messages.RunPrivacyTerms? Privacy { get; init; }
}

/// <summary>Where the run lives on-chain.</summary>
public sealed record LedgerReport(
    [property: JsonPropertyName("rpc")] string Rpc,
    [property: JsonPropertyName("chainId")] long ChainId,
    [property: JsonPropertyName("ledger")] string Ledger,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("runId")] string RunId);

/// <summary>One committed round.</summary>
public sealed record RoundReport(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("loss")] double Loss,
    [property: JsonPropertyName("participants")] IReadOnlyList<string> Participants,
    [property: JsonPropertyName("modelHash")] string ModelHash,
    [property: JsonPropertyName("txHash")] string? TxHash,
    [property: JsonPropertyName("gasUsed")] long GasUsed,
    [property: JsonPropertyName("contributions")] IReadOnlyList<ContributionReport> Contributions);

/// <summary>One contributor's part in a round.</summary>
public sealed record ContributionReport(
    [property: JsonPropertyName("worker")] string Worker,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("updateHash")] string UpdateHash,
    [property: JsonPropertyName("numSamples")] long NumSamples,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("reward")] string Reward);
