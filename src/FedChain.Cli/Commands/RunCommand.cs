using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using FedChain.Aggregator.Runs;
using FedChain.Cli.Infrastructure;
using FedChain.Messages;
using FedChain.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain run start|status|watch|abort`: the operator's side of a deployed aggregator, over the bus.</summary>
public static class RunCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("run", "Start, watch and stop runs on a deployed aggregator");
        group.Subcommands.Add(Start());
        group.Subcommands.Add(Status());
        group.Subcommands.Add(Watch());
        group.Subcommands.Add(Abort());
        return group;
    }

    private static Command Start()
    {
        var broker = BusConnection.BrokerOption();
        var model = new Option<string>("--model") { DefaultValueFactory = _ => "mlp", Description = "mlp | cnn | logreg" };
        var strategy = new Option<string>("--strategy") { DefaultValueFactory = _ => "fedavg", Description = "Aggregation strategy" };
        var rounds = new Option<int>("--rounds") { DefaultValueFactory = _ => 5 };
        var workers = new Option<int>("--workers") { DefaultValueFactory = _ => 3, Description = "Workers sampled per round (at least)" };
        var fraction = new Option<double>("--fraction") { DefaultValueFactory = _ => 1.0 };
        var minUpdates = new Option<int>("--min-updates") { DefaultValueFactory = _ => 0, Description = "Quorum (default: --workers)" };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 10 };
        var lr = new Option<double>("--lr") { DefaultValueFactory = _ => 0.05 };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--round-timeout") { DefaultValueFactory = _ => 300, Description = "Seconds a round waits for updates" };
        var contribution = new Option<string>("--contribution") { DefaultValueFactory = _ => "samples" };
        var reward = new Option<string>("--reward-per-round") { DefaultValueFactory = _ => "1000000000000000000000", Description = "Token base units per round (the on-chain cap)" };
        var target = new Option<double>("--target-accuracy") { DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json");
        var command = new Command("start", "Start a run (prints its id)") { broker, model, strategy, rounds, workers, fraction, minUpdates, epochs, batch, lr, seed, timeout, contribution, reward, target, json };
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var (name, parameters) = StrategyCatalog.Parse(result.GetValue(strategy)!);
            var perRound = result.GetValue(workers);
            var configuration = new RunConfiguration(result.GetValue(model)!, name, parameters, result.GetValue(rounds), perRound, result.GetValue(fraction),
                result.GetValue(minUpdates) is > 0 and var quorum ? quorum : perRound, result.GetValue(epochs), result.GetValue(batch), result.GetValue(lr),
                result.GetValue(seed), TimeSpan.FromSeconds(result.GetValue(timeout)), result.GetValue(contribution)!, result.GetValue(reward)!)
            {
                TargetAccuracy = result.GetValue(target),
            };
            try
            {
                StrategyCatalog.Check(configuration);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"--strategy: {e.Message}", 2);
            }

            var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
            await using var bus = await BusConnection.ConnectAsync(result.GetValue(broker)!, null, token);
            await bus.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(new StartRun(runId, 0, configuration, Environment.UserName), token);
            if (result.GetValue(json))
            {
                Output.Json(new { runId });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"started run [bold]{runId}[/]; follow it with `fedchain run watch {runId}`");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Status()
    {
        var broker = BusConnection.BrokerOption();
        var run = new Argument<string>("run") { Description = "The run id (0x bytes32)" };
        var json = new Option<bool>("--json");
        var command = new Command("status", "Ask the aggregator where a run stands") { run, broker, json };
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ParseRun(result.GetValue(run));
            await using var bus = await BusConnection.ConnectAsync(result.GetValue(broker)!, null, token);
            var client = bus.Services.GetRequiredService<IClientFactory>().CreateRequestClient<RunStatusRequested>(RequestTimeout.After(s: 15));
            Messages.RunStatus status;
            try
            {
                status = (await client.GetResponse<Messages.RunStatus>(new RunStatusRequested(runId, 0), token)).Message;
            }
            catch (RequestTimeoutException)
            {
                throw new CliException("no aggregator answered within 15 s: is it running and connected to this broker?");
            }

            if (status.State == RunState.Unknown)
            {
                throw new CliException($"unknown run {runId}: the aggregator has no such run");
            }

            if (result.GetValue(json))
            {
                Output.Json(status);
            }
            else
            {
                Output.Pairs($"run {runId}", [("state", status.State.ToString()), ("round", status.Round.ToString(CultureInfo.InvariantCulture)),
                    ("committed", $"{status.CommittedRounds} of {status.TotalRounds}"), ("latest model", status.LatestModelHash ?? "-"),
                    ("accuracy", status.LatestMetrics?.Accuracy.ToString("P2", CultureInfo.InvariantCulture) ?? "-"),
                    ("workers", string.Join(", ", status.AvailableWorkers)), ("error", status.Error ?? "-")]);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Watch()
    {
        var broker = BusConnection.BrokerOption();
        var run = new Argument<string>("run") { Description = "The run id (0x bytes32)" };
        var command = new Command("watch", "Follow a run's rounds until it ends") { run, broker };
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ParseRun(result.GetValue(run));
            var events = Channel.CreateUnbounded<IRunMessage>();
            await using var bus = await BusConnection.ConnectAsync(result.GetValue(broker)!, b =>
            {
                b.AddSingleton(events);
                b.AddFedChainConsumer<RunWatcher>("watch-" + Guid.NewGuid().ToString("N")[..8]).Endpoint(e => e.Temporary = true);
            }, token);
            await foreach (var message in events.Reader.ReadAllAsync(token))
            {
                if (!string.Equals(message.RunId, runId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                switch (message)
                {
                    case RoundStarted started:
                        AnsiConsole.MarkupLineInterpolated($"round {started.Round}: started with {started.SelectedWorkers.Count} workers");
                        break;
                    case UpdateAccepted accepted:
                        AnsiConsole.MarkupLineInterpolated($"round {accepted.Round}: update of {accepted.WorkerId} accepted ({accepted.AcceptedCount})");
                        break;
                    case UpdateRejected rejected:
                        AnsiConsole.MarkupLineInterpolated($"[yellow]round {rejected.Round}: update of {rejected.WorkerId} rejected: {rejected.Reason}: {rejected.Message}[/]");
                        break;
                    case RoundDeclined declined:
                        // What was published in the site's name; the aggregator takes it only when its signature and the round
                        // check out (its log says which), so the watcher does not present it as settled.
                        AnsiConsole.MarkupLineInterpolated($"[yellow]round {declined.Round}: {declined.WorkerId} says it declines (not yet checked by the aggregator): {declined.Reason}[/]");
                        break;
                    case RoundCommitted committed:
                        AnsiConsole.MarkupLineInterpolated($"[green]round {committed.Round}: committed[/], accuracy {committed.Metrics.Accuracy:P2}, tx {committed.TransactionHash}");
                        break;
                    case RoundFailed failed:
                        AnsiConsole.MarkupLineInterpolated($"[red]round {failed.Round} failed:[/] {failed.Reason}");
                        break;
                    case RunFinished finished:
                        AnsiConsole.MarkupLineInterpolated($"[green]run finished[/] after round {finished.Round}: model {finished.FinalModelHash}");
                        return 0;
                    case RunFailed failed:
                        throw new CliException($"run {failed.State}: {failed.Reason}");
                }
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Abort()
    {
        var broker = BusConnection.BrokerOption();
        var run = new Argument<string>("run") { Description = "The run id (0x bytes32)" };
        var reason = new Option<string>("--reason") { DefaultValueFactory = _ => "operator request" };
        var command = new Command("abort", "Stop a run; the open round is not committed") { run, broker, reason };
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ParseRun(result.GetValue(run));
            await using var bus = await BusConnection.ConnectAsync(result.GetValue(broker)!, null, token);
            await bus.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(new AbortRun(runId, 0, result.GetValue(reason)!), token);
            AnsiConsole.MarkupLineInterpolated($"asked the aggregator to abort run {runId}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static string ParseRun(string? text) =>
        RunIds.IsValid(text) ? text!.ToLowerInvariant() : throw new CliException($"run id '{text}' is not 0x followed by 64 hex digits", 2);
}
