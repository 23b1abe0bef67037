using System.CommandLine;
using System.Globalization;
using FedChain.Cli.Infrastructure;
using FedChain.Cli.Simulation;
using Spectre.Console;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain simulate`: the whole system in one process, on an embedded default.</summary>
public static class SimulateCommand
{
    /// <summary>Builds the command with its options.</summary>
    public static Command Create()
    {
        var workers = new Option<int>("--workers") { Description = "Number of workers (hospitals)", DefaultValueFactory = _ => 4 };
        var rounds = new Option<int>("--rounds") { Description = "Federated rounds", DefaultValueFactory = _ => 5 };
        var fraction = new Option<double>("--fraction") { Description = "Share of workers sampled per round (C)", DefaultValueFactory = _ => 1.0 };
        var epochs = new Option<int>("--epochs") { Description = "Local epochs per round (E)", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Local batch size (B)", DefaultValueFactory = _ => 10 };
        var lr = new Option<double>("--lr") { Description = "Local learning rate", DefaultValueFactory = _ => 0.05 };
        var engine = new Option<string>("--engine") { Description = "Training engine: torch (TorchSharp) | native (bit-reproducible C# kernels)", DefaultValueFactory = _ => "torch" };
        var model = new Option<string>("--model") { Description = "mlp | cnn | logreg", DefaultValueFactory = _ => "mlp" };
        var dataset = new Option<string>("--dataset") { Description = "mnist | csv:PATH[:LABEL]", DefaultValueFactory = _ => "mnist" };
        var partition = new Option<string>("--partition") { Description = "iid | shards | dirichlet:ALPHA", DefaultValueFactory = _ => "iid" };
        var strategy = new Option<string>("--strategy") { Description = "fedavg | fedprox:MU | fedadam | fedyogi | fedadagrad | median | trimmed:BETA | krum:F | multikrum:F:M | bulyan:F | cclip:TAU[:L] | fltrust", DefaultValueFactory = _ => "fedavg" };
        var contribution = new Option<string>("--contribution") { Description = "Contribution policy: samples | loo | shapley", DefaultValueFactory = _ => "samples" };
        var noisy = new Option<int>("--noisy-workers") { Description = "Workers that train on label-shuffled data", DefaultValueFactory = _ => 0 };
        var attack = new Option<string>("--attack") { Description = "What the attackers send: none | signflip | scale:F | noise:SIGMA | labelflip | alie[:Z] | ipm:EPS | zero | echo | copy | stale", DefaultValueFactory = _ => "none" };
        var attackers = new Option<int>("--attackers") { Description = "How many workers (the last ones) run --attack", DefaultValueFactory = _ => 0 };
        var target = new Option<double>("--target-accuracy") { Description = "Stop when test accuracy reaches this fraction", DefaultValueFactory = _ => 0 };
        var noChain = new Option<bool>("--no-chain") { Description = "Pure simulation without a chain (many virtual clients)" };
        var rpc = new Option<string?>("--rpc") { Description = "JSON-RPC URL of an existing chain (default: start a local anvil)" };
        var keyFile = new Option<string?>("--coordinator-key-file") { Description = "Key file (raw 0x hex or keystore v3) of the account that deploys and commits on --rpc" };
        var keyPasswordFile = new Option<string?>("--coordinator-key-password-file") { Description = "Password file of a keystore --coordinator-key-file" };
        var broker = new Option<string?>("--broker") { Description = "amqp://... to run over RabbitMQ instead of the in-memory bus" };
        var seed = new Option<long>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 1 };
        var runId = new Option<string?>("--run-id") { Description = "The run id, 0x + 64 hex digits (default: derived from --seed and the run's spec, so a simulation repeats exactly)" };
        var json = new Option<string?>("--json") { Description = "Write the JSON summary to this file" };
        var dpEpsilon = new Option<double>("--dp-epsilon") { Description = "Client-side DP: each site spends at most this ε over the run (0: no DP); the noise is calibrated to --rounds", DefaultValueFactory = _ => 0 };
        var dpDelta = new Option<double>("--dp-delta") { Description = "The δ of --dp-epsilon", DefaultValueFactory = _ => 1e-5 };
        var dpClip = new Option<double>("--dp-clip") { Description = "The L2 clip norm of every site's update under DP", DefaultValueFactory = _ => 1.0 };
        var task = new Option<string?>("--task") { Description = "A task file (docs/tasks.md): train that task instead of MNIST; its training settings are the defaults" };
        var sites = new Option<string[]>("--site") { Description = "With --task: one worker's data (file or folder in the task's schema); repeat per worker", AllowMultipleArgumentsPerToken = false };

        var command = new Command("simulate", "Run the aggregator and N workers in one process, committing every round on-chain")
        {
            workers, rounds, fraction, epochs, batch, lr, engine, model, dataset, partition, strategy, contribution, noisy, attack, attackers, target, noChain, rpc, keyFile, keyPasswordFile, broker, seed, runId, json, dpEpsilon, dpDelta, dpClip, task, sites,
        };
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var taskFile = result.GetValue(task);
            var siteList = result.GetValue(sites) ?? [];
            var training = taskFile is null ? null : TaskTraining(taskFile);
            // A task's own training settings apply unless the option was given explicitly.
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            var settings = new SimulationSettings
            {
                TaskFile = taskFile,
                Sites = siteList,
                Workers = taskFile is not null && !Given(workers) ? siteList.Length : result.GetValue(workers),
                Rounds = result.GetValue(rounds),
                Fraction = result.GetValue(fraction),
                Epochs = training is not null && !Given(epochs) ? training.Epochs : result.GetValue(epochs),
                Batch = training is not null && !Given(batch) ? training.BatchSize : result.GetValue(batch),
                LearningRate = training is not null && !Given(lr) ? training.LearningRate : result.GetValue(lr),
                Engine = result.GetValue(engine)!,
                Model = result.GetValue(model)!,
                Dataset = result.GetValue(dataset)!,
                Partition = result.GetValue(partition)!,
                Strategy = result.GetValue(strategy)!,
                Contribution = result.GetValue(contribution)!,
                NoisyWorkers = result.GetValue(noisy),
                Attack = result.GetValue(attack)!,
                Attackers = result.GetValue(attackers),
                TargetAccuracy = result.GetValue(target),
                NoChain = result.GetValue(noChain),
                Rpc = ParseUri(result.GetValue(rpc), "--rpc", "http", "https"),
                CoordinatorKeyFile = result.GetValue(keyFile),
                CoordinatorKeyPasswordFile = result.GetValue(keyPasswordFile),
                Broker = ParseUri(result.GetValue(broker), "--broker", "amqp", "amqps"),
                Seed = result.GetValue(seed),
                RunId = result.GetValue(runId),
                Privacy = result.GetValue(dpEpsilon) == 0 ? null
                    : Simulation.PrivacyCalibration.Terms(result.GetValue(dpEpsilon), result.GetValue(dpDelta), result.GetValue(dpClip), result.GetValue(rounds)),
                JsonPath = result.GetValue(json),
            };
            var report = await new SimulationRunner(AnsiConsole.Console).RunAsync(settings, token);
            AnsiConsole.MarkupLineInterpolated($"[green]{report.Rounds.Count} rounds committed[/], final test accuracy {(report.Rounds.Count > 0 ? report.Rounds[^1].Accuracy.ToString("P2", CultureInfo.InvariantCulture) : "-")}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Tasks.TrainingDefaults TaskTraining(string path)
    {
        try
        {
            return Tasks.TaskFile.Load(path).Definition.Training;
        }
        catch (Tasks.TaskDefinitionException e)
        {
            throw new CliException($"--task: {e.Message}", 2);
        }
    }

    private static Uri? ParseUri(string? text, string option, params string[] schemes)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? uri
            : throw new CliException($"{option} '{text}' is not a {string.Join(" or ", schemes)} URL", 2);
    }
}
