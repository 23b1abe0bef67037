using FedChain.Aggregator.Chain;
using FedChain.Aggregator.State;
using FedChain.Aggregator.Tasks;
using FedChain.Aggregator.Workers;
using FedChain.Messages;
using FedChain.Tasks.Preprocessing;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Federated standardisation before round 1. For a run whose task says input.standardisation.mode "federated", it asks the
/// task's available workers for their feature statistics (counts, sums, squared deviations: aggregates, never rows),
/// verifies each signed report (<see cref="StatisticsCheck"/>, then the ledger's participant registry), merges the usable
/// ones (<see cref="StatisticsMerge"/>, by participant address) once every asked worker answered or the round timeout
/// passed, and only then hands the run to the <see cref="RunCoordinator"/>: so the standardisation is fixed before the run
/// exists on the ledger, and its values and hash are inside the spec whose SHA-256 the ledger records. A bad report is
/// refused with its reason (FeatureStatisticsRejected) and the run goes on with the others, given MinUpdates usable reports.
/// Every other run goes to the coordinator at once.
/// </summary>
public sealed class StatisticsExchange : IDisposable
{
    private readonly RunCoordinator _coordinator;
    private readonly AggregatorStore _store;
    private readonly IRoundLedger _ledger;
    private readonly WorkerRegistry _workers;
    private readonly RunEventOutbox _events;
    private readonly TimeProvider _clock;
    private readonly AggregatorOptions _options;
    private readonly ILogger<StatisticsExchange> _logger;
    private readonly AggregatorTask? _task;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PendingStatistics> _pending = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wires the exchange to the coordinator it hands runs to, the ledger that vouches for signers, the workers and the bus.</summary>
    public StatisticsExchange(
        RunCoordinator coordinator,
        AggregatorStore store,
        IRoundLedger ledger,
        WorkerRegistry workers,
        IPublishEndpoint bus,
        TimeProvider clock,
        IOptions<AggregatorOptions> options,
        ILogger<StatisticsExchange> logger,
        AggregatorTask? task = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _coordinator = coordinator;
        _store = store;
        _ledger = ledger;
        _workers = workers;
        ArgumentNullException.ThrowIfNull(bus);
        _events = new RunEventOutbox((message, type, token) => bus.Publish(message, type, token), logger);
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _task = task;
    }

    /// <summary>Starts a run: through the statistics exchange when its task standardises federatedly, otherwise directly.</summary>
    public async Task StartRunAsync(StartRun command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_task is not { NeedsSiteStatistics: true } task || command.Configuration.Task is null || task.Refusal(command.Configuration) is not null
            || _store.GetRun(command.RunId) is not null)
        {
            // The coordinator refuses, ignores a known run, or starts it: nothing to collect.
            await _coordinator.StartRunAsync(command, cancellationToken);
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_pending.ContainsKey(command.RunId))
            {
                _logger.LogInformation("run {RunId} is already collecting feature statistics; StartRun ignored", command.RunId);
                return;
            }

            var pending = new PendingStatistics(command, _clock.GetUtcNow());
            _pending[command.RunId] = pending;
            _logger.LogInformation("run {RunId}: collecting the sites' feature statistics before round 1 (task {Task})", command.RunId, task.Task.Hash);
            await AdvanceAsync(pending, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Verifies a site's report and keeps it, or refuses it with the reason; fixes the standardisation once all are in.</summary>
    public async Task SubmitAsync(FeatureStatisticsSubmitted report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_pending.TryGetValue(report.RunId, out var pending) || pending.Requested is null || pending.Fixed is not null)
            {
                await RejectAsync(report.RunId, report.WorkerId, $"worker {report.WorkerId}: run {report.RunId} is not collecting feature statistics here", cancellationToken);
                return;
            }

            if (await ProblemAsync(pending, report, cancellationToken) is { } problem)
            {
                pending.Rejected.TryAdd(report.WorkerId, problem);
                await RejectAsync(report.RunId, report.WorkerId, problem, cancellationToken);
            }

            await AdvanceAsync(pending, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks every collecting run against the clock: asks newly available workers, fixes or fails at the deadline.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A request or refusal the broker did not take (an outage) goes out before anything new.
            await _events.FlushAsync(cancellationToken);
            foreach (var pending in _pending.Values.ToArray())
            {
                await AdvanceAsync(pending, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<string?> ProblemAsync(PendingStatistics pending, FeatureStatisticsSubmitted report, CancellationToken cancellationToken)
    {
        var task = _task!;
        var (statistics, signer, problem) = StatisticsCheck.Verify(report, task.Task.Hash, pending.Requested!, task.FeatureCount, _ledger);
        if (problem is not null)
        {
            return problem;
        }

        if (_workers.Find(report.WorkerId) is not { } known || !string.Equals(known.Address, signer, StringComparison.OrdinalIgnoreCase))
        {
            return $"worker {report.WorkerId}: statistics signed by {signer}, but the worker announced itself as {_workers.Find(report.WorkerId)?.Address ?? "nobody"}";
        }

        var hash = Convert.ToHexStringLower(statistics!.Hash());
        if (pending.Accepted.TryGetValue(report.WorkerId, out var earlier))
        {
            // A worker asked again (a late joiner widened the request) answers again: the same values are no news.
            return earlier.Hash == hash ? null : $"worker {report.WorkerId} already reported different statistics for run {report.RunId}; only its first report counts";
        }

        if (pending.Accepted.FirstOrDefault(a => a.Value.Address == signer) is { Key: { } other })
        {
            return $"worker {report.WorkerId}: address {signer} already reported statistics as worker {other}";
        }

        if (!await _ledger.IsActiveParticipantAsync(signer!, cancellationToken))
        {
            return $"worker {report.WorkerId}: {signer} is not a registered, active participant on the ledger";
        }

        pending.Rejected.Remove(report.WorkerId);
        pending.Accepted[report.WorkerId] = (signer!, statistics, hash);
        _logger.LogInformation("run {RunId}: feature statistics of {Worker} ({Address}, {Samples} samples) verified, {Count} so far",
            report.RunId, report.WorkerId, signer, statistics.Count, pending.Accepted.Count);
        return null;
    }

    private async Task AdvanceAsync(PendingStatistics pending, CancellationToken cancellationToken)
    {
        var configuration = pending.Command.Configuration;
        var quorum = Math.Max(1, configuration.MinUpdates);
        var now = _clock.GetUtcNow();
        if (pending.Fixed is null)
        {
            var available = _workers.Available(AggregatorTask.ModelKey(_task!.Task.Hash), _options.WorkerTimeout).Select(w => w.WorkerId).ToArray();
            if (pending.Requested is null)
            {
                // As many sites as round 1 will select: their statistics are the ones its training data is scaled with.
                var needed = Math.Max(quorum, configuration.WorkersPerRound);
                if (available.Length < needed)
                {
                    if (now - pending.Since > configuration.RoundTimeout)
                    {
                        await FailAsync(pending, $"feature statistics could not be collected: {available.Length} workers hold task {_task.Task.Hash}, the run needs {needed} (WorkersPerRound, MinUpdates)", cancellationToken);
                    }

                    return;
                }

                pending.Requested = [.. available];
                pending.Deadline = now + configuration.RoundTimeout;
                await RequestAsync(pending, cancellationToken);
                return;
            }

            if (now <= pending.Deadline && available.Except(pending.Requested, StringComparer.Ordinal).ToArray() is { Length: > 0 } joined)
            {
                pending.Requested.AddRange(joined);
                await RequestAsync(pending, cancellationToken);
                return;
            }

            var answered = pending.Requested.All(w => pending.Accepted.ContainsKey(w) || pending.Rejected.ContainsKey(w));
            if (!answered && now <= pending.Deadline)
            {
                return;
            }

            if (!await MergeAsync(pending, quorum, cancellationToken))
            {
                return;
            }
        }

        // The run is created (spec with the standardisation, then the ledger) only now; a failed ledger call is retried next tick.
        await _coordinator.StartRunAsync(pending.Command, pending.Fixed, cancellationToken);
        _pending.Remove(pending.Command.RunId);
    }

    private async Task<bool> MergeAsync(PendingStatistics pending, int quorum, CancellationToken cancellationToken)
    {
        var runId = pending.Command.RunId;
        var byAddress = pending.Accepted.ToDictionary(a => a.Value.Address, a => a.Key, StringComparer.Ordinal);
        var result = StatisticsMerge.Merge(pending.Accepted.Values.Select(a => KeyValuePair.Create(a.Address, a.Statistics)), _task!.FeatureCount);
        foreach (var (address, reason) in result.Rejected)
        {
            var worker = byAddress[address];
            pending.Rejected[worker] = $"worker {worker}: {reason}";
            await RejectAsync(runId, worker, pending.Rejected[worker], cancellationToken);
        }

        if (result.Merged is null || result.Included.Count < quorum)
        {
            var missing = pending.Requested!.Where(w => !pending.Accepted.ContainsKey(w) && !pending.Rejected.ContainsKey(w)).ToArray();
            var reasons = pending.Rejected.Values.Concat(missing.Select(w => $"worker {w}: no statistics by {pending.Deadline:O}"));
            await FailAsync(pending, $"usable feature statistics from {result.Included.Count} of {pending.Requested!.Count} sites asked, MinUpdates is {quorum}: {string.Join("; ", reasons)}", cancellationToken);
            return false;
        }

        pending.Fixed = Standardisation.FromStatistics(result.Merged);
        _logger.LogInformation("run {RunId}: standardisation {Hash} fixed from the statistics of {Sites} ({Samples} samples)",
            runId, pending.Fixed.Hash, string.Join(", ", result.Included.Select(a => byAddress[a])), result.Merged.Count);
        await _events.PublishAsync(new StandardisationFixed(runId, 0, pending.Fixed.Hash, result.Included), cancellationToken);
        return true;
    }

    private async Task RequestAsync(PendingStatistics pending, CancellationToken cancellationToken)
    {
        _logger.LogInformation("run {RunId}: feature statistics requested from {Workers}, deadline {Deadline:O}",
            pending.Command.RunId, string.Join(", ", pending.Requested!), pending.Deadline);
        await _events.PublishAsync(new RequestFeatureStatistics(pending.Command.RunId, 0, _task!.Task.Hash, pending.Requested!.ToArray(), pending.Deadline), cancellationToken);
    }

    private async Task RejectAsync(string runId, string workerId, string problem, CancellationToken cancellationToken)
    {
        _logger.LogWarning("run {RunId}: feature statistics refused: {Problem}", runId, problem);
        await _events.PublishAsync(new FeatureStatisticsRejected(runId, 0, workerId, problem), cancellationToken);
    }

    private async Task FailAsync(PendingStatistics pending, string reason, CancellationToken cancellationToken)
    {
        // Never created on the ledger: nothing was trained or committed.
        _pending.Remove(pending.Command.RunId);
        _logger.LogError("run {RunId} failed before round 1: {Reason}", pending.Command.RunId, reason);
        await _events.PublishAsync(new RunFailed(pending.Command.RunId, 0, RunState.Failed, reason), cancellationToken);
    }
}
