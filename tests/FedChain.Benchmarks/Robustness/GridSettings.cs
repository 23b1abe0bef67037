using FedChain.Messages;

namespace FedChain.Benchmarks.Robustness;

/// <summary>The grid's options, parsed once.</summary>
internal sealed record GridSettings(
    IReadOnlyList<string> Partitions,
    IReadOnlyList<string> Attacks,
    IReadOnlyList<string> Strategies,
    int Workers,
    int Attackers,
    int Rounds,
    int SamplesPerWorker,
    int Epochs,
    int Batch,
    double LearningRate,
    long Seed,
    string RewardStrategy,
    int RewardEvery,
    int Permutations,
    string OutPath,
    string? DocPath,
    bool RenderOnly)
{
    /// <summary>Samples the aggregator keeps back (validation, FLTrust's root data, scoring), as `fedchain simulate`.</summary>
    public const int ValidationSamples = 1000;

    public static GridSettings From(BenchmarkOptions options)
    {
        static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var settings = new GridSettings(
            List(options.GetString("partitions", "iid,dirichlet:0.5")),
            List(options.GetString("attacks", "none,signflip,scale:10,noise:0.1,labelflip,alie,ipm:0.5,zero,echo,copy,stale")),
            List(options.GetString("strategies", "fedavg,median,trimmed:0.2,krum:4,multikrum:4:16,bulyan:4,cclip:1:3,fltrust")),
            options.GetInt("workers", 20),
            options.GetInt("attackers", 4),
            options.GetInt("rounds", 30),
            options.GetInt("samples-per-worker", 0),
            options.GetInt("epochs", 1),
            options.GetInt("batch", 10),
            options.GetDouble("lr", 0.05),
            options.GetInt("seed", 1),
            options.GetString("reward-strategy", "fedavg"),
            options.GetInt("reward-every", 10),
            options.GetInt("permutations", 50),
            options.GetString("out", "robustness.jsonl"),
            options.GetString("doc", string.Empty) is { Length: > 0 } doc ? doc : null,
            options.GetString("render-only", "false") == "true");
        if (settings.Workers < 2 || settings.Attackers < 0 || settings.Attackers >= settings.Workers)
        {
            throw new ArgumentException($"--workers ({settings.Workers}) must be >= 2 and --attackers ({settings.Attackers}) in [0, workers)");
        }

        if (settings.Rounds < 1 || settings.RewardEvery < 1 || settings.Permutations < 1 || settings.SamplesPerWorker < 0)
        {
            throw new ArgumentException("--rounds, --reward-every and --permutations must be >= 1, --samples-per-worker >= 0");
        }

        foreach (var attack in settings.Attacks)
        {
            Federation.Attacks.AttackSpec.Parse(attack);
        }

        return settings;
    }

    /// <summary>The run configuration the aggregator would get for <paramref name="strategy"/> (all workers every round).</summary>
    public RunConfiguration Configuration(string strategy)
    {
        var (name, parameters) = Aggregator.Runs.StrategyCatalog.Parse(strategy);
        return new RunConfiguration("mlp", name, parameters, Rounds, Workers, 1.0, Workers, Epochs, Batch, LearningRate, Seed,
            TimeSpan.FromMinutes(5), "loo", "1000000000000000000000");
    }
}
