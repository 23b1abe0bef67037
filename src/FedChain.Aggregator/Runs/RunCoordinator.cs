using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;
using FedChain.Aggregator.Tasks;
using FedChain.Aggregator.Workers;
using FedChain.Ethereum;
using FedChain.Ledger;
using FedChain.Federation;
using FedChain.Federation.Encoding;
using FedChain.Federation.Privacy;
using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;
using FedChain.Federation.Validation;
using FedChain.Learning;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.ServiceDefaults;
using FedChain.Tasks.Preprocessing;
using ContributionRecord = FedChain.Messages.ContributionRecord;
using RoundRecord = FedChain.Aggregator.State.RoundRecord;
using RunRecord = FedChain.Aggregator.State.RunRecord;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Drives runs round by round: sampling, RoundStarted, validation and streaming aggregation of
/// updates, deadline and quorum, evaluation, scoring, commitRound, RoundCommitted. Every change is
/// persisted before the message that caused it is acknowledged, and all operations are serialised,
/// so the order of events is the order of the log and a restart resumes from the store.
/// </summary>
public sealed class RunCoordinator : IDisposable
{
    private readonly AggregatorStore _store;
    private readonly ContentStore _blobs;
    private readonly IRoundLedger _ledger;
    private readonly WorkerRegistry _workers;
    private readonly ServerEvaluation? _evaluation;
    private readonly RoundCloser _closer;
    private readonly UpdateCheck _updateCheck;
    private readonly RunEventOutbox _events;
    private readonly TimeProvider _clock;
    private readonly AggregatorOptions _options;
    private readonly ILogger<RunCoordinator> _logger;
    private readonly AggregatorTask? _task;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Messages wait for the persisted runs to be resumed: the bus can deliver before the round clock has resumed them, and
    // an update taken then would be refused as "not running" and lost.
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acceptedSinceStart;
    private readonly Dictionary<string, ActiveRun> _runs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wires the coordinator to its state, chain, workers, evaluation data and bus.</summary>
    public RunCoordinator(
        AggregatorStore store,
        ContentStore blobs,
        IRoundLedger ledger,
        WorkerRegistry workers,
        IPublishEndpoint bus,
        TimeProvider clock,
        IOptions<AggregatorOptions> options,
        ILogger<RunCoordinator> logger,
        ServerEvaluation? evaluation = null,
        AggregatorTask? task = null)
    {
        _task = task;
        _store = store;
        _blobs = blobs;
        _ledger = ledger;
        _workers = workers;
        _evaluation = evaluation;
        ArgumentNullException.ThrowIfNull(bus);
        _events = new RunEventOutbox((message, type, token) => bus.Publish(message, type, token), logger);
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _closer = new RoundCloser(store, blobs, ledger, logger);
        _updateCheck = new UpdateCheck(store, ledger, clock);
    }

    /// <summary>Starts a run: records it on the ledger with its spec and initial model, then opens round 1. Idempotent per run id.</summary>
    public Task StartRunAsync(StartRun command, CancellationToken cancellationToken) => StartRunAsync(command, null, cancellationToken);

    /// <summary>
    /// Starts a run as <see cref="StartRunAsync(StartRun, CancellationToken)"/> does, with <paramref name="standardisation"/>
    /// fixed for it by the statistics exchange (a task whose standardisation is federated; null otherwise).
    /// </summary>
    public async Task StartRunAsync(StartRun command, Standardisation? standardisation, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            if (_store.GetRun(command.RunId) is not null)
            {
                _logger.LogInformation("run {RunId} is already known; StartRun ignored", command.RunId);
                return;
            }

            var configuration = command.Configuration;
            if (TaskRefusal(configuration) is { } refusal)
            {
                // A run this aggregator cannot evaluate is never created on the ledger.
                _logger.LogError("run {RunId} refused: {Reason}", command.RunId, refusal);
                await _events.PublishAsync(new RunFailed(command.RunId, 0, RunState.Failed, refusal), cancellationToken);
                return;
            }

            var (evaluation, taskSpec) = EvaluationOf(configuration, standardisation);
            var strategy = StrategyCatalog.Create(configuration, RootDataTrainer.For(configuration, evaluation));
            var model = CreateModel(configuration);
            var initial = model.InitialParameters();
            var initialHash = _blobs.Put(VectorEncoding.Encode(model.Layout, initial, PayloadKind.Model));
            if (configuration.Task is not null && _task!.ModelFile is { } modelFile)
            {
                // The run's own TorchScript file, stored under its SHA-256 (the task's model.sha256): `fedchain models
                // export` puts the committed parameters into it from this state alone.
                _blobs.Put(modelFile);
            }

            var spec = RunSpec.Create(configuration, model.Layout, evaluation.ValidationHash, evaluation.Validation.Count, _ledger.Describe(), taskSpec);
            var cap = ParseReward(configuration.RewardPerRound);

            await _ledger.CreateRunAsync(RunIds.Parse(command.RunId), spec.Hash, Convert.FromHexString(initialHash), cap, cancellationToken);
            var record = new RunRecord(command.RunId, spec.Json, "0x" + initialHash, 0, State.RunStatus.Running, null);
            _store.SaveRun(record);
            _runs[command.RunId] = new ActiveRun(record, configuration, strategy, model, initial, evaluation);
            _logger.LogInformation("run {RunId} created: {Model}, {Strategy}, {Rounds} rounds, spec {Spec}",
                command.RunId, configuration.ModelName, strategy.Name, configuration.Rounds, "0x" + Convert.ToHexStringLower(spec.Hash));
            await TryOpenNextRoundAsync(_runs[command.RunId], cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Validates an update and, when it passes, persists it and folds it into the round. Rejections are
    /// published with their reason and never counted. Returns when the outcome is durable.
    /// </summary>
    public async Task SubmitAsync(UpdateSubmitted update, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var validation = FedChainTelemetry.Source.StartActivity("fedchain.validate")?
                .SetTag("fedchain.run_id", update.RunId).SetTag("fedchain.round", update.Round).SetTag("fedchain.worker_id", update.WorkerId);
            FedChainTelemetry.BytesReceived.Add(update.Update.Length);
            var verdict = await _updateCheck.CheckAsync(update, update.RunId is { } runId ? _runs.GetValueOrDefault(runId) : null, cancellationToken);
            if (verdict.Rejection is { } reason)
            {
                FedChainTelemetry.UpdatesRejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
                validation?.SetTag("fedchain.rejection", reason.ToString());
                _logger.LogWarning("update from {Worker} for run {RunId} round {Round} rejected: {Reason}: {Message}",
                    update.WorkerId, update.RunId, update.Round, reason, verdict.Message);
                await RejectAsync(new UpdateRejected(update.RunId, update.Round, update.WorkerId, update.UpdateHash, reason, verdict.Message), cancellationToken);
                return;
            }

            if (verdict.AlreadyCounted)
            {
                return; // a redelivery of an update persisted before a crash: it is in the aggregate already
            }

            var run = _runs[update.RunId];
            var round = run.Round!;
            _blobs.PutVerified(update.UpdateHash, update.Update);
            var accepted = new AcceptedUpdate(update.RunId, update.Round, update.WorkerId, verdict.Signer!, update.UpdateHash.ToLowerInvariant(),
                update.SampleCount, update.Signature, JsonSerializer.Serialize(update.Metrics));
            if (!_store.TryAddUpdate(accepted))
            {
                round.Validator.Release(update.WorkerId);
                FedChainTelemetry.UpdatesRejected.Add(1, new KeyValuePair<string, object?>("reason", nameof(RejectionReason.Duplicate)));
                await RejectAsync(new UpdateRejected(update.RunId, update.Round, update.WorkerId, update.UpdateHash, RejectionReason.Duplicate,
                    $"worker {update.WorkerId} or address {verdict.Signer} already has an update in round {update.Round}"), cancellationToken);
                return;
            }

            Count(round, update.WorkerId, verdict.Signer!);
            FedChainTelemetry.UpdatesAccepted.Add(1);
            if (_options.CrashAfterAcceptedUpdates > 0 && ++_acceptedSinceStart >= _options.CrashAfterAcceptedUpdates)
            {
                // Fault injection (tests only): die like a killed process, after the update is on disk
                // but before anything else happens.
                Environment.FailFast($"fault injection: crashing after {_acceptedSinceStart} accepted updates");
            }

            _logger.LogInformation("round {Round}: accepted update from {Worker} ({Samples} samples), {Count} so far",
                update.Round, update.WorkerId, update.SampleCount, round.Tracker.Results.Count);
            await _events.PublishAsync(new UpdateAccepted(update.RunId, update.Round, update.WorkerId, update.UpdateHash, round.Tracker.Results.Count), cancellationToken);
            await AdvanceAsync(run, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A selected site's signed word that it will not train the open round: once verified (<see cref="DeclineCheck"/>)
    /// and its signer an active participant, it is persisted, the round records it as the site's failure, with its
    /// reason, and stops waiting for it. A refused decline changes nothing: the round waits for that site as before. A
    /// valid update the site sends afterwards still counts (it replaces the failure): what a site delivered counts over
    /// what was said about it.
    /// </summary>
    public async Task DeclineAsync(RoundDeclined declined, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            if (string.IsNullOrEmpty(declined.WorkerId) || !RunIds.IsValid(declined.RunId) || !_runs.TryGetValue(declined.RunId, out var run))
            {
                _logger.LogWarning("decline from worker '{Worker}' for run {RunId} ignored: no worker id, or the run is not running on this aggregator",
                    declined.WorkerId, declined.RunId);
                return;
            }

            var round = run.Round is { Tracker.IsClosed: false } open ? open : null;
            if (round is null || round.Number != declined.Round)
            {
                // Usually a decline that crossed the round's close: nothing to wait for any more.
                _logger.LogInformation("decline from {Worker} for round {Round} of run {RunId} ignored: that round is not open (open round: {Open})",
                    declined.WorkerId, declined.Round, declined.RunId, round?.Number.ToString(CultureInfo.InvariantCulture) ?? "none");
                return;
            }

            var selected = _store.GetRound(run.Record.RunId, round.Number)!.SelectedWorkers;
            var answered = round.Tracker.Results.Contains(declined.WorkerId) || round.Tracker.Failures.ContainsKey(declined.WorkerId)
                || _store.GetUpdates(run.Record.RunId, round.Number).Any(u => u.WorkerId == declined.WorkerId);
            // The binding, not the registry: after a restart a decline can arrive before the site's next heartbeat.
            var (signer, problem) = DeclineCheck.Verify(declined, round.Number, selected, answered, _store.BoundAddress(declined.WorkerId), _ledger);
            if (problem is null && !await _ledger.IsActiveParticipantAsync(signer!, cancellationToken))
            {
                problem = $"worker {declined.WorkerId}: decline signed by {signer}, which is not a registered, active participant on the ledger";
            }

            if (problem is not null)
            {
                _logger.LogWarning("decline refused: {Problem}", problem);
                return;
            }

            // Persisted before the message is acknowledged, so a restarted aggregator does not wait for this site again.
            _store.AddDecline(new RecordedDecline(declined.RunId, declined.Round, declined.WorkerId, signer!, declined.Reason, _clock.GetUtcNow()));
            round.Tracker.RecordFailure(declined.WorkerId, "declined: " + declined.Reason);
            _logger.LogInformation("round {Round} of run {RunId}: {Worker} declined: {Reason}", declined.Round, declined.RunId, declined.WorkerId, declined.Reason);
            await AdvanceAsync(run, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The store keeps what the console lists (for runs it knows: a run id nobody created has no page to list it on);
    // the bus tells the sender and everyone watching.
    private async Task RejectAsync(UpdateRejected rejection, CancellationToken cancellationToken)
    {
        if (_store.GetRun(rejection.RunId) is not null)
        {
            _store.AddRejection(new RejectedUpdate(rejection.RunId, rejection.Round, rejection.WorkerId, rejection.UpdateHash ?? string.Empty,
                rejection.Reason.ToString(), rejection.Message ?? string.Empty, _clock.GetUtcNow()));
        }

        await _events.PublishAsync(rejection, cancellationToken);
    }

    /// <summary>Checks every open round against the clock: closes rounds at quorum or deadline, opens waiting ones (called after <see cref="ResumeAsync"/>).</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Events held through a broker outage go out first, so watchers see them in the order they happened.
            await _events.FlushAsync(cancellationToken);
            foreach (var run in _runs.Values.ToArray())
            {
                await AdvanceAsync(run, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops a run after its current round without committing the open one.</summary>
    public async Task AbortAsync(AbortRun command, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        try
        {
            if (!_runs.TryGetValue(command.RunId, out var run))
            {
                _logger.LogWarning("AbortRun for unknown or finished run {RunId} ignored", command.RunId);
                return;
            }

            await EndRunAsync(run, State.RunStatus.Aborted, $"aborted: {command.Reason}", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Where a run stands, from the store and the live state.</summary>
    public Messages.RunStatus Status(string runId)
    {
        var record = _store.GetRun(runId);
        if (record is null)
        {
            return new Messages.RunStatus(runId, 0, RunState.Unknown, 0, 0, null, null, [], $"no run {runId} on this aggregator", _clock.GetUtcNow());
        }

        var configuration = RunSpec.ConfigurationOf(record.SpecJson);
        var rounds = _store.ListRounds(runId);
        _runs.TryGetValue(runId, out var live);
        var state = record.Status switch
        {
            State.RunStatus.Running => rounds.Count == 0 ? RunState.Pending : RunState.Running,
            State.RunStatus.Finished => RunState.Finished,
            State.RunStatus.Aborted => RunState.Aborted,
            _ => RunState.Failed,
        };
        return new Messages.RunStatus(runId, rounds.Count == 0 ? 0 : rounds[^1].Round, state, configuration.Rounds, record.LastCommittedRound,
            record.LastCommittedRound > 0 ? record.CurrentModelHash : null, live?.LatestMetrics,
            _workers.Available(WorkerModelKey(configuration), _options.WorkerTimeout).Select(w => w.WorkerId).ToArray(),
            record.Reason, _clock.GetUtcNow());
    }

    /// <summary>
    /// Resumes every running run after a restart: reconciles each with the chain first (a round the
    /// chain has is never committed again), then rebuilds the open round from the persisted updates.
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var record in _store.ListRuns().Where(r => r.Status == State.RunStatus.Running))
            {
                await ResumeRunAsync(record, cancellationToken);
            }

            _resumed.TrySetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    // Takes the gate once the persisted runs are resumed (ResumeAsync, at start-up).
    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _resumed.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static BigInteger ParseReward(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"RewardPerRound '{text}' is not a non-negative integer of token base units");

    // A task run samples only workers holding that task; an MNIST run, workers that can build the architecture.
    private static string WorkerModelKey(RunConfiguration configuration) =>
        configuration.Task is { } task ? AggregatorTask.ModelKey(task.Hash) : configuration.ModelName;

    // A task run is evaluated on the task's held-out sets, scaled with the run's standardisation; an MNIST run on MNIST's.
    private (ServerEvaluation Evaluation, RunTaskSpec? TaskSpec) EvaluationOf(RunConfiguration configuration, Standardisation? standardisation) =>
        configuration.Task is null
            ? (_evaluation ?? throw new InvalidOperationException("this aggregator holds a task, not MNIST's held-out sets"), null)
            : _task!.ForRun(standardisation);

    private ITrainableModel CreateModel(RunConfiguration configuration) =>
        configuration.Task is null
            ? LearningEngines.Create(configuration.Engine).Create(ModelFactory.SpecOf(configuration.ModelName), unchecked((ulong)configuration.Seed))
            : _task!.CreateModel(configuration.Engine, unchecked((ulong)configuration.Seed));

    private string? TaskRefusal(RunConfiguration configuration) =>
        _task is not null
            ? _task.Refusal(configuration)
            : configuration.Task is { } task ? $"Configuration.Task {task.Hash}: this aggregator holds no task (Aggregator:TaskFile is not set)" : null;

    private static void Count(OpenRound round, string workerId, string signer)
    {
        round.Tracker.RecordResult(workerId);
        round.AddressToWorker[signer] = workerId;
    }

    private async Task ResumeRunAsync(RunRecord record, CancellationToken cancellationToken)
    {
        var configuration = RunSpec.ConfigurationOf(record.SpecJson);
        var (evaluation, _) = EvaluationOf(configuration, _task?.StandardisationOf(RunSpec.TaskOf(record.SpecJson), record.RunId));
        var strategy = StrategyCatalog.Create(configuration, RootDataTrainer.For(configuration, evaluation));
        var model = CreateModel(configuration);
        var chainLast = await _ledger.LastRoundAsync(RunIds.Parse(record.RunId), cancellationToken);
        var rounds = _store.ListRounds(record.RunId);
        var latest = rounds.Count > 0 ? rounds[^1] : null;

        if (latest is { Status: RoundStatus.CommitSent or RoundStatus.Open } && chainLast >= latest.Round && latest.ResultJson is not null)
        {
            // The commit reached the chain but the crash came before we recorded it: adopt the chain's word.
            _logger.LogWarning("round {Round} of run {RunId} is on-chain but was not recorded locally; reconciling", latest.Round, record.RunId);
            latest = latest with { Status = RoundStatus.Committed };
            _store.SaveRound(latest);
            record = record with { LastCommittedRound = latest.Round, CurrentModelHash = latest.NewModelHash! };
            _store.SaveRun(record);
        }

        if (chainLast != record.LastCommittedRound)
        {
            var reason = $"the chain has round {chainLast} of run {record.RunId} but the aggregator's store has round {record.LastCommittedRound}: refusing to continue";
            _store.SaveRun(record with { Status = State.RunStatus.Failed, Reason = reason });
            _logger.LogError("{Reason}", reason);
            return;
        }

        var global = VectorEncoding.Decode(_blobs.Get(record.CurrentModelHash), model.Layout, PayloadKind.Model).Values.ToArray();
        var run = new ActiveRun(record, configuration, strategy, model, global, evaluation);
        _runs[record.RunId] = run;

        if (latest is { Status: RoundStatus.CommitSent or RoundStatus.Open })
        {
            // A prepared commit that is not on-chain is sent again by the next tick (the same commit:
            // its contents were persisted); an open round goes on collecting.
            RebuildOpenRound(run, latest);
        }

        _logger.LogInformation("run {RunId} resumed at round {Round} (chain has {ChainLast})", record.RunId, latest?.Round ?? 0, chainLast);
    }

    private void RebuildOpenRound(ActiveRun run, RoundRecord record)
    {
        // Updates that were queued while we were down still need time to be consumed.
        var deadline = record.Deadline;
        var earliest = _clock.GetUtcNow() + _options.ResumeGrace;
        if (deadline < earliest)
        {
            deadline = earliest;
            _store.SaveRound(record with { Deadline = deadline });
        }

        var round = NewOpenRound(run, record.Round, record.SelectedWorkers, record.BaseModelHash, deadline);
        // Declines first: an update the site sent after declining replaces its decline, as it did before the restart.
        foreach (var decline in _store.GetDeclines(run.Record.RunId, record.Round))
        {
            round.Tracker.RecordFailure(decline.WorkerId, "declined: " + decline.Reason);
        }

        foreach (var stored in _store.GetUpdates(run.Record.RunId, record.Round))
        {
            var payload = _blobs.Get(stored.UpdateHash);
            var result = round.Validator.Validate(new IncomingUpdate(stored.RunId, stored.Round, stored.WorkerId, stored.NumSamples, payload,
                Convert.FromHexString(stored.UpdateHash.AsSpan(2))));
            if (result.Vector is null)
            {
                throw new InvalidDataException($"persisted update {stored.UpdateHash} of {stored.WorkerId} no longer validates: {result.Message}");
            }

            Count(round, stored.WorkerId, stored.Address);
        }

        run.Round = round;
        _logger.LogInformation("round {Round} of run {RunId} rebuilt with {Count} persisted updates; deadline {Deadline:O}",
            record.Round, run.Record.RunId, round.Tracker.Results.Count, deadline);
    }

    private OpenRound NewOpenRound(ActiveRun run, int number, IReadOnlyList<string> selected, string baseModelHash, DateTimeOffset deadline)
    {
        var configuration = run.Configuration;
        var opened = _clock.GetUtcNow();
        var rules = new RoundRules(deadline > opened ? deadline - opened : TimeSpan.FromMilliseconds(1), Math.Max(1, configuration.MinUpdates), CloseAtQuorum: false);
        var tracker = new RoundTracker(number, selected.ToArray(), opened, rules, run.Strategy.MinimumResults);
        var validator = new UpdateValidator(run.Record.RunId, number, run.Model.Layout, selected, NormBound(configuration, run.Model.Layout));
        return new OpenRound(number, tracker, validator, baseModelHash);
    }

    // A DP run's updates carry the noise its terms ask for (its norm grows with the square root of the parameter count),
    // so the configured bound, meant for raw deltas, widens to what an honest site's noised update can reach.
    private double? NormBound(RunConfiguration configuration, ParameterLayout layout) =>
        _options.MaxUpdateNorm is { } configured && configuration.Privacy is { } terms
            ? Math.Max(configured, NoisedUpdateNorm.Bound(terms.ClipNorm, terms.NoiseMultiplier, layout.TotalLength))
            : _options.MaxUpdateNorm;

    private async Task AdvanceAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        if (run.Round is null)
        {
            await TryOpenNextRoundAsync(run, cancellationToken);
            return;
        }

        var round = run.Round;
        if (_store.GetRound(run.Record.RunId, round.Number) is { Status: RoundStatus.CommitSent } prepared)
        {
            // An earlier commit attempt failed (node down, timeout): the round is prepared, send it again.
            await CommitPreparedAsync(run, prepared, cancellationToken);
            return;
        }

        var decision = round.Tracker.Decide(_clock.GetUtcNow());
        switch (decision.Verdict)
        {
            case RoundVerdict.Wait:
                return;
            case RoundVerdict.Fail:
                await FailRoundAsync(run, round, decision.Message, cancellationToken);
                return;
            default:
                await CloseRoundAsync(run, round, cancellationToken);
                return;
        }
    }

    private async Task CloseRoundAsync(ActiveRun run, OpenRound round, CancellationToken cancellationToken)
    {
        var failures = round.Tracker.Failures.Select(f => new ClientFailure(f.Key, f.Value))
            .Concat(_store.GetRound(run.Record.RunId, round.Number)!.SelectedWorkers
                .Where(w => !round.Tracker.Results.Contains(w) && !round.Tracker.Failures.ContainsKey(w))
                .Select(w => new ClientFailure(w, "no update by the deadline")))
            .ToArray();
        (RoundRecord record, AggregationOutcome outcome) prepared;
        using (var aggregation = FedChainTelemetry.Source.StartActivity("fedchain.aggregate")?
            .SetTag("fedchain.run_id", run.Record.RunId).SetTag("fedchain.round", round.Number))
        {
            var started = Stopwatch.GetTimestamp();
            prepared = _closer.Prepare(run, round, failures);
            FedChainTelemetry.AggregationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        var (record, outcome) = prepared;
        if (!outcome.Succeeded)
        {
            await FailRoundAsync(run, round, outcome.Message, cancellationToken);
            return;
        }

        await CommitPreparedAsync(run, record, cancellationToken);
    }

    private async Task CommitPreparedAsync(ActiveRun run, RoundRecord prepared, CancellationToken cancellationToken)
    {
        var result = JsonSerializer.Deserialize<RoundResult>(prepared.ResultJson!)!;
        CommitReceipt receipt;
        try
        {
            using var commit = FedChainTelemetry.Source.StartActivity("fedchain.commitRound")?
                .SetTag("fedchain.run_id", run.Record.RunId).SetTag("fedchain.round", prepared.Round);
            receipt = await _closer.CommitAsync(run, prepared, result, cancellationToken);
            commit?.SetTag("fedchain.tx", receipt.TransactionHash).SetTag("fedchain.gas", receipt.GasUsed);
        }
        catch (LedgerRevertException e) when (RefusedContribution.From(e) is { } refused && run.Round is { } open && open.Number == prepared.Round
            && _store.GetUpdates(run.Record.RunId, open.Number).FirstOrDefault(u => string.Equals(u.Address, refused.Address, StringComparison.OrdinalIgnoreCase)) is { } dropped)
        {
            // One contribution the contract refuses (e.g. its participant was deactivated after the update was
            // accepted) must not fail the round: drop it with the contract's reason and commit the others.
            _store.RemoveUpdate(run.Record.RunId, open.Number, dropped.Address);
            open.AddressToWorker.Remove(dropped.Address);
            _logger.LogWarning("round {Round} of run {RunId}: the ledger refuses {Worker}'s contribution ({Error}); committing without it",
                open.Number, run.Record.RunId, dropped.WorkerId, e.ErrorName);
            FedChainTelemetry.UpdatesRejected.Add(1, new KeyValuePair<string, object?>("reason", refused.Reason.ToString()));
            await RejectAsync(new UpdateRejected(run.Record.RunId, open.Number, dropped.WorkerId, dropped.UpdateHash, refused.Reason,
                $"the ledger refuses this contribution at commit: {e.Message}"), cancellationToken);
            await CloseRoundAsync(run, open, cancellationToken);
            return;
        }
        catch (LedgerRevertException e)
        {
            // The contract refused this commit as a whole (e.g. a model
            // the ledger already knows from an identical earlier run): sending it again would be refused
            // again, so the round fails with the contract's reason. Node outages and timeouts are retried.
            await FailRoundAsync(run, run.Round!, $"the ledger refused the commit: {e.Message}", cancellationToken);
            return;
        }

        FedChainTelemetry.RoundsCommitted.Add(1);
        FedChainTelemetry.CommitGas.Record(receipt.GasUsed);
        FedChainTelemetry.RoundDuration.Record((_clock.GetUtcNow() - (prepared.Deadline - run.Configuration.RoundTimeout)).TotalSeconds);
        var committed = prepared with { Status = RoundStatus.Committed, TransactionHash = receipt.TransactionHash };
        _store.SaveCommit(run.Record.RunId, prepared.Round, receipt.GasUsed, _clock.GetUtcNow());
        _store.SaveRound(committed);
        run.Record = run.Record with { LastCommittedRound = prepared.Round, CurrentModelHash = prepared.NewModelHash! };
        _store.SaveRun(run.Record);
        run.GlobalModel = VectorEncoding.Decode(_blobs.Get(prepared.NewModelHash!), run.Model.Layout, PayloadKind.Model).Values.ToArray();
        run.Round = null;
        run.LatestMetrics = new EvaluationMetrics(result.Accuracy, result.Loss, run.Evaluation.Test.Count);

        _logger.LogInformation("round {Round} of run {RunId} committed: accuracy {Accuracy:P2}, tx {Tx}, gas {Gas}",
            prepared.Round, run.Record.RunId, result.Accuracy, receipt.TransactionHash, receipt.GasUsed);
        await _events.PublishAsync(new RoundCommitted(run.Record.RunId, prepared.Round, prepared.BaseModelHash, prepared.NewModelHash!, run.LatestMetrics,
            receipt.TransactionHash, receipt.GasUsed,
            result.Contributions.Select(c => new ContributionRecord(c.WorkerId, c.Address, c.UpdateHash, c.NumSamples,
                c.Score.ToString("R", CultureInfo.InvariantCulture), c.Reward)).ToArray()), cancellationToken);

        var target = run.Configuration.TargetAccuracy;
        if (prepared.Round >= run.Configuration.Rounds || (target is > 0 && result.Accuracy >= target))
        {
            await EndRunAsync(run, State.RunStatus.Finished, null, cancellationToken);
            return;
        }

        await TryOpenNextRoundAsync(run, cancellationToken);
    }

    private async Task FailRoundAsync(ActiveRun run, OpenRound round, string reason, CancellationToken cancellationToken)
    {
        var record = _store.GetRound(run.Record.RunId, round.Number)!;
        _store.SaveRound(record with { Status = RoundStatus.Failed, ResultJson = JsonSerializer.Serialize(new { reason }) });
        _logger.LogWarning("round {Round} of run {RunId} failed: {Reason}", round.Number, run.Record.RunId, reason);
        FedChainTelemetry.RoundsFailed.Add(1);
        await _events.PublishAsync(new RoundFailed(run.Record.RunId, round.Number, reason, round.Tracker.Results.Count), cancellationToken);
        await EndRunAsync(run, State.RunStatus.Failed, $"round {round.Number} failed: {reason}", cancellationToken);
    }

    private async Task EndRunAsync(ActiveRun run, State.RunStatus status, string? reason, CancellationToken cancellationToken)
    {
        run.Record = run.Record with { Status = status, Reason = reason };
        _store.SaveRun(run.Record);
        _runs.Remove(run.Record.RunId);
        var last = run.Record.LastCommittedRound;
        if (status == State.RunStatus.Finished)
        {
            await _events.PublishAsync(new RunFinished(run.Record.RunId, last, run.Record.CurrentModelHash,
                run.LatestMetrics ?? new EvaluationMetrics(0, 0, 0)), cancellationToken);
        }
        else
        {
            await _events.PublishAsync(new RunFailed(run.Record.RunId, run.Round?.Number ?? last, status == State.RunStatus.Aborted ? RunState.Aborted : RunState.Failed,
                reason ?? status.ToString()), cancellationToken);
        }

        _logger.LogInformation("run {RunId} {Status} after {Rounds} committed rounds{Reason}", run.Record.RunId, status, last, reason is null ? "" : ": " + reason);
    }

    private async Task TryOpenNextRoundAsync(ActiveRun run, CancellationToken cancellationToken)
    {
        var configuration = run.Configuration;
        var number = run.Record.LastCommittedRound + 1;
        if (number > configuration.Rounds)
        {
            await EndRunAsync(run, State.RunStatus.Finished, null, cancellationToken);
            return;
        }

        var available = _workers.Available(WorkerModelKey(configuration), _options.WorkerTimeout).Select(w => w.WorkerId).ToArray();
        FitConfiguration fit;
        try
        {
            fit = run.Strategy.ConfigureFit(number, available);
        }
        catch (InvalidOperationException e)
        {
            // Too few workers yet: wait for heartbeats, but not forever.
            var now = _clock.GetUtcNow();
            run.WaitingForWorkersSince ??= now;
            if (now - run.WaitingForWorkersSince > configuration.RoundTimeout)
            {
                await EndRunAsync(run, State.RunStatus.Failed, $"round {number} could not start: {e.Message}", cancellationToken);
            }

            return;
        }

        if (!fit.Selection.IsReady)
        {
            // Nobody has announced itself yet: wait for heartbeats, but not forever.
            var now = _clock.GetUtcNow();
            run.WaitingForWorkersSince ??= now;
            if (now - run.WaitingForWorkersSince > configuration.RoundTimeout)
            {
                await EndRunAsync(run, State.RunStatus.Failed, $"round {number} could not start: {fit.Selection.Message}", cancellationToken);
            }

            return;
        }

        run.WaitingForWorkersSince = null;
        var selected = fit.Selection.Selected;
        var deadline = _clock.GetUtcNow() + configuration.RoundTimeout;
        _store.SaveRound(new RoundRecord(run.Record.RunId, number, run.Record.CurrentModelHash, selected, deadline, RoundStatus.Open, null, null, null));
        run.Round = NewOpenRound(run, number, selected, run.Record.CurrentModelHash, deadline);
        FedChainTelemetry.RoundsOpened.Add(1);

        var plan = new Messages.TrainingPlan(configuration.LocalEpochs, configuration.BatchSize, configuration.LearningRate,
            configuration.Seed * 1_000_003 + number, PlanParameters(fit.Plan));
        _logger.LogInformation("round {Round} of run {RunId} started with {Count} workers: {Workers}", number, run.Record.RunId, selected.Count, string.Join(", ", selected));
        await _events.PublishAsync(new RoundStarted(run.Record.RunId, number, configuration.ModelName, "0x" + Convert.ToHexStringLower(run.Model.Layout.Hash),
            _blobs.Get(run.Record.CurrentModelHash), run.Record.CurrentModelHash, plan, deadline, selected)
        {
            Engine = configuration.Engine,
            Spec = run.Record.SpecJson,
            TaskHash = configuration.Task?.Hash,
            ModelFile = configuration.Task is null ? null : _task?.ModelFile,
        }, cancellationToken);
    }

    private static Dictionary<string, string> PlanParameters(RoundPlan plan)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (plan.ProximalMu > 0)
        {
            parameters["mu"] = plan.ProximalMu.ToString("R", CultureInfo.InvariantCulture);
        }

        return parameters;
    }
}
