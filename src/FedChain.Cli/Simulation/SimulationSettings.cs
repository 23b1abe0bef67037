namespace FedChain.Cli.Simulation;

/// <summary>Everything `fedchain simulate` was asked to do.</summary>
public sealed record SimulationSettings
{
    /// <summary>Number of workers (hospitals).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Rounds to run.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Share of workers sampled per round.</summary>
    public double Fraction { get; init; } = 1.0;

    /// <summary>Local epochs per round.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Local mini-batch size.</summary>
    public int Batch { get; init; } = 10;

    /// <summary>Local learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>The training engine: torch (TorchSharp) or native (bit-reproducible C# kernels).</summary>
    public string Engine { get; init; } = "torch";

    /// <summary>mlp, cnn or logreg.</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>A task file (docs/tasks.md): the run trains that task on the <see cref="Sites"/>' data instead of MNIST.</summary>
    public string? TaskFile { get; init; }

    /// <summary>With <see cref="TaskFile"/>: each worker's data (file or folder in the task's schema), one worker per entry.</summary>
    public IReadOnlyList<string> Sites { get; init; } = [];

    /// <summary>mnist or csv:PATH[:LABEL].</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>iid, shards or dirichlet:ALPHA.</summary>
    public string Partition { get; init; } = "iid";

    /// <summary>The aggregation strategy, e.g. fedavg or fedprox:0.01.</summary>
    public string Strategy { get; init; } = "fedavg";

    /// <summary>The contribution policy (samples, loo, shapley...).</summary>
    public string Contribution { get; init; } = "samples";

    /// <summary>Workers that train on label-shuffled data.</summary>
    public int NoisyWorkers { get; init; }

    /// <summary>What the attackers send (none, signflip, scale:F, noise:SIGMA, labelflip, alie[:Z], ipm:EPS, zero, echo, copy, stale).</summary>
    public string Attack { get; init; } = "none";

    /// <summary>How many workers (the last ones) run <see cref="Attack"/>.</summary>
    public int Attackers { get; init; }

    /// <summary>Stop once test accuracy reaches this (0: run every round).</summary>
    public double TargetAccuracy { get; init; }

    /// <summary>Pure simulation: no chain at all.</summary>
    public bool NoChain { get; init; }

    /// <summary>An existing chain's JSON-RPC endpoint (null: start a local anvil).</summary>
    public Uri? Rpc { get; init; }

    /// <summary>The key file of the account that deploys and commits on an existing chain.</summary>
    public string? CoordinatorKeyFile { get; init; }

    /// <summary>The password file of a keystore <see cref="CoordinatorKeyFile"/>.</summary>
    public string? CoordinatorKeyPasswordFile { get; init; }

    /// <summary>A RabbitMQ broker (null: the in-memory bus).</summary>
    public Uri? Broker { get; init; }

    /// <summary>The run id, "0x" + 64 hex digits (null: derived from the seed and the run's spec, so a simulation repeats exactly).</summary>
    public string? RunId { get; init; }

    /// <summary>The seed every random choice derives from.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Where to write the JSON summary.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Token base units paid per round (the on-chain cap).</summary>
    public string RewardPerRound { get; init; } = "1000000000000000000000";

    /// <summary>How long a round waits for updates.</summary>
    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws a message naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Check(Workers is >= 1 and <= 10_000, $"--workers must be 1..10000, got {Workers}");
        Check(Rounds is >= 1 and <= 10_000, $"--rounds must be 1..10000, got {Rounds}");
        Check(Fraction is > 0 and <= 1, $"--fraction must be in (0, 1], got {Fraction}");
        Check(Epochs is >= 1 and <= 100, $"--epochs must be 1..100, got {Epochs}");
        Check(Batch is >= 1 and <= 10_000, $"--batch must be 1..10000, got {Batch}");
        Check(LearningRate is > 0 and < 10, $"--lr must be in (0, 10), got {LearningRate}");
        Check(Engine is "torch" or "native", $"--engine must be torch or native, got '{Engine}'");
        Check(TaskFile is not null || Model is "mlp" or "cnn" or "logreg", $"--model must be mlp, cnn or logreg, got '{Model}'");
        Check(TaskFile is null || Sites.Count >= 1, "--task needs at least one --site: the data of each simulated worker");
        Check(TaskFile is not null || Sites.Count == 0, "--site needs --task: the task says how to read it");
        Check(TaskFile is null || Workers == Sites.Count, $"--task runs one worker per --site: {Sites.Count} sites, --workers {Workers}");
        Check(TaskFile is null || NoisyWorkers == 0, "--noisy-workers applies to MNIST only");
        Check(NoisyWorkers >= 0 && NoisyWorkers < Workers, $"--noisy-workers must be 0..{Workers - 1}, got {NoisyWorkers}");
        Check(Attackers >= 0 && Attackers < Workers, $"--attackers must be 0..{Workers - 1}, got {Attackers}");
        Check(NoisyWorkers == 0 || Attackers == 0, "--noisy-workers and --attackers cannot be combined: both take the last workers");
        try
        {
            Federation.Attacks.AttackSpec.Parse(Attack);
        }
        catch (ArgumentException e)
        {
            Check(false, $"--attack: {e.Message}");
        }

        Check(RunId is null || (Messages.RunIds.IsValid(RunId) && !string.Equals(RunId, Messages.RunIds.None, StringComparison.Ordinal)),
            $"--run-id must be 0x followed by 64 hex digits, not all zero, got '{RunId}'");
        Check(TargetAccuracy is >= 0 and <= 1, $"--target-accuracy must be a fraction in [0, 1], got {TargetAccuracy}");
        Check(!(NoChain && (Rpc is not null || CoordinatorKeyFile is not null)), "--no-chain cannot be combined with --rpc or --coordinator-key-file");
        Check(Rpc is null || CoordinatorKeyFile is not null, "--rpc needs --coordinator-key-file: that account deploys the contracts and pays for the commits");
    }

    /// <summary>The run's client-side DP terms (null: no DP).</summary>
    public Messages.RunPrivacyTerms? Privacy { get; init; }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new Infrastructure.CliException(message, 2);
        }
    }
}
