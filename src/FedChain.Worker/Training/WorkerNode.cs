using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FedChain.Federation.Encoding;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.Tasks;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Training;

/// <summary>
/// One worker's behaviour, apart from any transport: announce itself, train the global model on its
/// private data when selected, and sign and return the update. Only the update, its hash, its
/// signature, the sample count and metrics leave this class; the data never does.
/// </summary>
public sealed class WorkerNode
{
    private readonly LocalData _data;
    private readonly IUpdateSigner _signer;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Engine, string Model), ITrainableModel> _models = [];
    private readonly WorkerAttack? _attack;
    private (string Hash, LocalData Data)? _scaled;

    private readonly SitePolicy _policy;

    /// <summary>
    /// Creates a worker with its id, its private data, its signing key and its site policy (default: consents to any run, no DP
    /// policy of its own); <paramref name="attack"/> makes it a poisoned or lazy contributor.
    /// </summary>
    public WorkerNode(string workerId, LocalData data, IUpdateSigner signer, ILogger logger, SitePolicy? policy = null, WorkerAttack? attack = null)
    {
        _policy = policy ?? SitePolicy.ConsentToAny();
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        WorkerId = workerId;
        _data = attack?.Spec.IsDataLevel == true ? data with { Train = Federation.Attacks.UpdateAttacks.FlipLabels(data.Train) } : data;
        _signer = signer;
        _logger = logger;
        _attack = attack;
    }

    /// <summary>True when this worker waits for others' updates before sending its own (a colluding attacker): run it after them.</summary>
    public bool WaitsForPeers => _attack?.WaitsForPeers ?? false;

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; }

    /// <summary>The site's consent and privacy rules.</summary>
    public SitePolicy Policy => _policy;

    /// <summary>The address it signs with.</summary>
    public string Address => _signer.Address;

    /// <summary>Training samples it holds.</summary>
    public int SampleCount => _data.Train.Count;

    /// <summary>The heartbeat it sends.</summary>
    public WorkerAvailable Heartbeat(string runId, int round, DateTimeOffset now)
    {
        IReadOnlyList<string> models = _data.Task is { } task ? ["task:" + task.Hash] : ModelFactory.Names;
        return new(runId, round, WorkerId, _signer.Address, models, _data.Train.Count, now, _signer.SignHeartbeat(WorkerId, models, _data.Train.Count, now));
    }

    /// <summary>True when the worker was selected for the round.</summary>
    public bool IsSelected(RoundStarted started) => started.SelectedWorkers.Contains(WorkerId, StringComparer.Ordinal);

    /// <summary>
    /// Trains the round's global model with its plan on the local data and returns the signed update.
    /// A model that does not match its hash or its layout is refused with an error naming what differs. A local training
    /// that diverges throws <see cref="ArithmeticException"/> (no update), except under DP, where its update is a zero delta.
    /// </summary>
    public UpdateSubmitted Train(RoundStarted started, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var decision = _policy.Decide(started, _signer);
            var model = ModelFor(started);
            var global = LoadGlobal(model, started);

            var mu = started.Plan.Parameters.TryGetValue("mu", out var muText) ? float.Parse(muText, CultureInfo.InvariantCulture) : 0f;
            // Workers differ (their id is mixed into the seed) but a run repeats exactly.
            var seed = unchecked((ulong)started.Plan.Seed * 0x9E3779B97F4A7C15UL) ^ StableHash(WorkerId);
            var plan = new Learning.TrainingPlan(started.Plan.LocalEpochs, started.Plan.BatchSize, (float)started.Plan.LearningRate, ProxMu: mu, Seed: seed);
            var data = DataFor(started);
            // Zeroing (TensorFlow Federated's `zeroing` aggregator): under DP, a local training that diverges (or leaves a
            // non-finite update) becomes a zero delta before clipping and noising, so the site still sends a properly noised
            // update and spends its epsilon as accounted. Without DP the ArithmeticException stands: no update is sent.
            string? diverged = null;
            float[] trained = global;
            TrainingResult? result = null;
            try
            {
                (trained, result) = model.Train(global, data.Train, plan, cancellationToken);
            }
            catch (ArithmeticException e) when (decision.ClipNorm is not null)
            {
                diverged = e.Message;
            }

            var delta = new float[global.Length];
            System.Numerics.Tensors.TensorPrimitives.Subtract(trained, global, delta);
            if (diverged is null && decision.ClipNorm is not null && !IsFinite(delta))
            {
                diverged = "the trained model has non-finite parameters";
            }

            if (diverged is not null)
            {
                _logger.LogWarning("{Worker}: round {Round} of run {RunId}: local training diverged ({Reason}); under the site's DP policy it sends a zero delta, clipped and noised like any update",
                    WorkerId, started.Round, started.RunId, diverged);
                Array.Clear(delta);
                (trained, result) = (global, null);
            }

            var epsilonMicros = _policy.Apply(decision, delta, _signer);
            // A red-team attacker sends what it crafts: its own site's privacy policy does not bind what it sends.
            delta = _attack?.Apply(started, WorkerId, global, delta, cancellationToken) ?? delta;
            var encoded = VectorEncoding.Encode(model.Layout, delta, PayloadKind.Update);
            var hash = SHA256.HashData(encoded);
            var signature = _signer.Sign(RunIds.Parse(started.RunId), started.Round, FromHex(started.GlobalModelHash), hash, _data.Train.Count, epsilonMicros);
            var train = model.Evaluate(trained, data.Train);
            // A zeroed update's metrics are the global model's, which is what it leaves: no local steps.
            var trainLoss = result?.EpochLosses[^1] ?? train.Loss;
            _logger.LogInformation("{Worker}: trained round {Round} on {Samples} samples in {Seconds:F1} s, loss {Loss:F4}",
                WorkerId, started.Round, _data.Train.Count, clock.Elapsed.TotalSeconds, trainLoss);
            return new UpdateSubmitted(started.RunId, started.Round, WorkerId, _signer.Address, started.GlobalModelHash, encoded,
                "0x" + Convert.ToHexStringLower(hash), signature, _data.Train.Count,
                new LocalTrainingMetrics(trainLoss, train.Accuracy, result?.Steps ?? 0, clock.Elapsed.TotalSeconds) { EpsilonMicros = epsilonMicros })
            {
                ConsentSignature = decision.ConsentSignature,
            };
        }
    }

    /// <summary>
    /// The signed word that this site will not train <paramref name="started"/>'s round, and why, so the aggregator
    /// stops waiting for it. The reason is the site's own message; what it says about the site's policy is the site's choice.
    /// </summary>
    public RoundDeclined Decline(RoundStarted started, string reason)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (reason.Length > RoundDeclined.MaxReasonLength)
        {
            reason = reason[..(RoundDeclined.MaxReasonLength - 1)] + "…";
        }

        var signature = _signer.SignDecline(RunIds.Parse(started.RunId), started.Round, Ledger.RoundDeclineSigner.ReasonHash(reason).ToBytes());
        return new RoundDeclined(started.RunId, started.Round, WorkerId, _signer.Address, reason, signature);
    }

    /// <summary>Evaluates a global model (the one a round started from) on the local test split.</summary>
    public WorkerEvaluated Evaluate(RoundStarted started)
    {
        lock (_gate)
        {
            var model = ModelFor(started);
            var result = model.Evaluate(LoadGlobal(model, started), DataFor(started).Test);
            return new WorkerEvaluated(started.RunId, started.Round - 1, WorkerId, started.GlobalModelHash,
                new EvaluationMetrics(result.Accuracy, result.Loss, result.Samples));
        }
    }

    /// <summary>
    /// This site's answer to a federated standardisation request: the count, sums and squared deviations of its raw
    /// training part (nothing else about the data), signed for the run and task. Null when it is not asked or holds
    /// another task; a site whose task does not standardise federatedly is refused with <see cref="InvalidDataException"/>.
    /// </summary>
    public FeatureStatisticsSubmitted? Statistics(RequestFeatureStatistics request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.SelectedWorkers.Contains(WorkerId, StringComparer.Ordinal) || _data.Task is not { } task
            || !string.Equals(request.TaskHash, task.Hash, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!_data.RunStandardised)
        {
            throw new InvalidDataException($"run {request.RunId} asks for feature statistics, but task {task.Hash} ({task.Source}) does not standardise federatedly here");
        }

        var statistics = Tasks.Preprocessing.FeatureStatistics.Compute(_data.Train);
        var signature = _signer.SignStatistics(RunIds.Parse(request.RunId), FromHex(task.Hash), statistics.Hash());
        _logger.LogInformation("{Worker}: feature statistics of {Samples} training samples sent for run {RunId}", WorkerId, statistics.Count, request.RunId);
        return new FeatureStatisticsSubmitted(request.RunId, 0, WorkerId, _signer.Address, task.Hash, statistics.Count,
            Float64Payload.Encode(statistics.Sum), Float64Payload.Encode(statistics.SquaredDeviations), signature);
    }

    // A federated task's raw data is scaled with the run's standardisation, read from the spec and checked against its hash.
    private LocalData DataFor(RoundStarted started)
    {
        if (!_data.RunStandardised)
        {
            return _data;
        }

        var standardisation = RunStandardisation.FromSpec(started.Spec, _data.Task!, started.Round);
        if (_scaled is not { } scaled || scaled.Hash != standardisation.Hash)
        {
            var test = _data.Test.Count == 0 ? _data.Test : standardisation.Apply(_data.Test);
            scaled = (standardisation.Hash, _data with { Train = standardisation.Apply(_data.Train), Test = test, RunStandardised = false });
            _scaled = scaled;
            _logger.LogInformation("{Worker}: run {RunId} standardisation {Hash} applied to the local data", WorkerId, started.RunId, standardisation.Hash);
        }

        return scaled.Data;
    }

    // The run's task must be the one this site's data was read for; a TorchScript model comes with the run and
    // is checked against the task's SHA-256 before libtorch reads it.
    private ITrainableModel TaskModelFor(RoundStarted started)
    {
        if (_data.Task is not { } task)
        {
            throw new InvalidDataException($"round {started.Round}: the run's task {started.TaskHash} is not held here (Worker:Data:TaskFile is not set)");
        }

        if (!string.Equals(started.TaskHash, task.Hash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(started.TaskHash is null
                ? $"round {started.Round}: the run is MNIST '{started.ModelName}', this worker holds task {task.Hash} ({task.Source})"
                : $"round {started.Round}: the run's task hash {started.TaskHash} is not this worker's task {task.Hash} ({task.Source})");
        }

        if (TaskModel.BuiltinSpec(task.Definition) is { } spec)
        {
            return LearningEngines.Create(started.Engine).Create(spec);
        }

        if (started.Engine != TorchEngine.EngineName)
        {
            throw new InvalidDataException($"round {started.Round}: engine '{started.Engine}' cannot run the TorchScript model of {task.Source}");
        }

        if (started.ModelFile is not { Length: > 0 } bytes)
        {
            throw new InvalidDataException($"round {started.Round}: the run's TorchScript model file did not come with RoundStarted");
        }

        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fedchain-models")).FullName;
        var path = Path.Combine(directory, $"{WorkerId}-{Convert.ToHexStringLower(SHA256.HashData(bytes))}.pt");
        File.WriteAllBytes(path, bytes);
        try
        {
            return TorchEngine.LoadTorchScript(path, task.Definition.Model.Sha256!, TaskModel.InputShape(task.Definition), task.Definition.Input.Classes.Count);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            // Name the task's model file, not the temporary copy.
            throw new InvalidDataException(e.Message.Replace(path, $"{task.Definition.Model.TorchScript} (the run's model file)", StringComparison.Ordinal), e);
        }
    }

    private static float[] LoadGlobal(ITrainableModel model, RoundStarted started)
    {
        var actual = "0x" + Convert.ToHexStringLower(SHA256.HashData(started.GlobalModel));
        if (!string.Equals(actual, started.GlobalModelHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"round {started.Round}: the global model hashes to {actual}, the round announced {started.GlobalModelHash}");
        }

        var layoutHash = "0x" + Convert.ToHexStringLower(model.Layout.Hash);
        if (!string.Equals(layoutHash, started.LayoutHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"round {started.Round}: model '{started.ModelName}' has layout {layoutHash} here, the round announced {started.LayoutHash}");
        }

        return VectorEncoding.Decode(started.GlobalModel, model.Layout, PayloadKind.Model).Values.ToArray();
    }

    private static bool IsFinite(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0));

    private static ulong StableHash(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process, which would break reproducibility.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private ITrainableModel ModelFor(RoundStarted started)
    {
        var (engine, name) = (started.Engine, started.TaskHash is { } taskHash ? "task:" + taskHash : started.ModelName);
        if (!_models.TryGetValue((engine, name), out var model))
        {
            model = started.TaskHash is null && _data.Task is null
                ? LearningEngines.Create(engine).Create(ModelFactory.SpecOf(name))
                : TaskModelFor(started);
            if (model.InputSize != _data.Train.FeatureCount)
            {
                model.Dispose();
                throw new InvalidDataException($"model '{name}' expects {model.InputSize} features, the local data {_data.Train.Source} has {_data.Train.FeatureCount}");
            }

            _models[(engine, name)] = model;
        }

        return model;
    }
}
