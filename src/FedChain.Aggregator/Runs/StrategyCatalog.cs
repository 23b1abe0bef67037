using System.Globalization;
using FedChain.Federation.Aggregation;
using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Strategy names as operators write them (`fedavg`, `fedprox:MU`, `fedadam`, `fedyogi`, `fedadagrad`,
/// `median`, `trimmed:BETA`, `krum:F`, `multikrum:F:M`, `bulyan:F`, `cclip:TAU[:L]`, `fltrust`) and the
/// strategy objects they configure. A configuration that breaks a robust rule's assumption is refused
/// here, at run start, with the rule it breaks.
/// </summary>
public static class StrategyCatalog
{
    /// <summary>The names understood.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fedavg", "fedprox", "fedadam", "fedyogi", "fedadagrad", "median", "trimmed", "krum", "multikrum", "bulyan", "cclip", "fltrust"];

    /// <summary>Splits "name:arg..." into the strategy name and its named parameters; unknown names or bad numbers are errors naming the text.</summary>
    public static (string Name, IReadOnlyDictionary<string, string> Parameters) Parse(string text)
    {
        var parts = text.Split(':');
        var name = parts[0].Trim().ToLowerInvariant();
        string[] keys = name switch
        {
            "fedavg" or "fedadam" or "fedyogi" or "fedadagrad" or "median" or "fltrust" => [],
            "fedprox" => ["mu"],
            "trimmed" => ["beta"],
            "krum" => ["f"],
            "multikrum" => ["f", "m"],
            "bulyan" => ["f"],
            "cclip" => parts.Length == 2 ? ["tau"] : ["tau", "iterations"],
            _ => throw new ArgumentException($"unknown strategy '{text}'; known: {string.Join(", ", Names)}"),
        };
        if (parts.Length - 1 != keys.Length)
        {
            throw new ArgumentException($"strategy '{text}' takes {keys.Length} argument(s) ({string.Join(", ", keys)}), got {parts.Length - 1}");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (!double.TryParse(parts[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"strategy '{text}': {keys[i]} must be a number, got '{parts[i + 1]}'");
            }

            parameters[keys[i]] = parts[i + 1];
        }

        return (name, parameters);
    }

    /// <summary>
    /// Builds the strategy a run's configuration names, with its sampling and plan; FLTrust needs
    /// <paramref name="serverUpdate"/> (round, global model) to train on the aggregator's root data.
    /// </summary>
    public static IStrategy Create(RunConfiguration configuration, Func<long, float[], float[]>? serverUpdate = null)
    {
        // A round opened with fewer workers available than its quorum can only fail: wait for the
        // quorum's worth of heartbeats instead (a worker that starts a second late must not fail round 1).
        var minFit = Math.Max(1, configuration.WorkersPerRound);
        var sampling = new ClientSampling(
            configuration.FractionFit,
            MinFitClients: minFit,
            MinAvailableClients: Math.Max(minFit, configuration.MinUpdates),
            Seed: unchecked((ulong)configuration.Seed));
        var parameters = configuration.StrategyParameters;
        var plan = new RoundPlan(configuration.LearningRate, configuration.LocalEpochs, configuration.BatchSize,
            ProximalMu: configuration.StrategyName == "fedprox" ? Number(parameters, "mu") : 0);
        var options = new StrategyOptions(sampling, plan);
        return configuration.StrategyName switch
        {
            "fedavg" => new FedAvgStrategy(options),
            "fedprox" => new FedProxStrategy(options, Number(parameters, "mu")),
            "fedadam" => new FedAdamStrategy(options, new FedOptOptions()),
            "fedyogi" => new FedYogiStrategy(options, new FedOptOptions()),
            "fedadagrad" => new FedAdagradStrategy(options, new FedOptOptions()),
            "median" => new MedianStrategy(options),
            "trimmed" => new TrimmedMeanStrategy(options, Number(parameters, "beta")),
            "krum" => new KrumStrategy(options, (int)Number(parameters, "f")),
            "multikrum" => new KrumStrategy(options, (int)Number(parameters, "f"), (int)Number(parameters, "m")),
            "bulyan" => new BulyanStrategy(options, (int)Number(parameters, "f")),
            "cclip" => new CenteredClippingStrategy(options, Number(parameters, "tau"), parameters.ContainsKey("iterations") ? (int)Number(parameters, "iterations") : 1),
            "fltrust" => new FlTrustStrategy(options, serverUpdate ?? throw new ArgumentException("fltrust needs the aggregator's root data (its validation set) to train the server update; none was given")),
            _ => throw new ArgumentException($"unknown strategy '{configuration.StrategyName}'; known: {string.Join(", ", Names)}"),
        };
    }

    /// <summary>
    /// Throws, with the rule it breaks, when the configuration's strategy cannot run as configured (Krum or
    /// Bulyan with too few workers for f, a trimming fraction of 0.5 or more, a non-positive clipping radius):
    /// what a console checks before it starts a run.
    /// </summary>
    public static void Check(RunConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            // The probe's server update is never called: constructing the strategy is the check.
            Create(configuration, (_, global) => new float[global.Length]);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"strategy '{configuration.StrategyName}' refused: {e.Message}", e);
        }
    }

    private static double Number(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"strategy parameter '{key}' is missing or not a number");
}
