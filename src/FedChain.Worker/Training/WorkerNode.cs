using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using FedChain.Federation.Encoding;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Learning.Torch;
using FedChain.Messages;
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

    private readonly SitePolicy _policy;

    /// <summary>Creates a worker with its id, its private data, its signing key and its site policy (default: consents to any run, no DP policy of its own).</summary>
    public WorkerNode(string workerId, LocalData data, IUpdateSigner signer, ILogger logger, SitePolicy? policy = null)
    {
        _policy = policy ?? SitePolicy.ConsentToAny();
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        WorkerId = workerId;
        _data = data;
        _signer = signer;
        _logger = logger;
    }

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; }

    /// <summary>The site's consent and privacy rules.</summary>
    public SitePolicy Policy => _policy;

    /// <summary>The address it signs with.</summary>
    public string Address => _signer.Address;

    /// <summary>Training samples it holds.</summary>
    public int SampleCount => _data.Train.Count;

    /// <summary>The heartbeat it sends.</summary>
    public WorkerAvailable Heartbeat(string runId, int round, DateTimeOffset now) =>
        new(runId, round, WorkerId, _signer.Address, ModelFactory.Names, _data.Train.Count, now);

    /// <summary>True when the worker was selected for the round.</summary>
    public bool IsSelected(RoundStarted started) => started.SelectedWorkers.Contains(WorkerId, StringComparer.Ordinal);

    /// <summary>
    /// Trains the round's global model with its plan on the local data and returns the signed update.
    /// A model that does not match its hash or its layout is refused with an error naming what differs.
    /// </summary>
    public UpdateSubmitted Train(RoundStarted started, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var clock = Stopwatch.StartNew();
            var decision = _policy.Decide(started, _signer);
            var model = ModelFor(started.Engine, started.ModelName);
            var global = LoadGlobal(model, started);

            var mu = started.Plan.Parameters.TryGetValue("mu", out var muText) ? float.Parse(muText, CultureInfo.InvariantCulture) : 0f;
            // Workers differ (their id is mixed into the seed) but a run repeats exactly.
            var seed = unchecked((ulong)started.Plan.Seed * 0x9E3779B97F4A7C15UL) ^ StableHash(WorkerId);
            var plan = new Learning.TrainingPlan(started.Plan.LocalEpochs, started.Plan.BatchSize, (float)started.Plan.LearningRate, ProxMu: mu, Seed: seed);
            var (trained, result) = model.Train(global, _data.Train, plan, cancellationToken);

            var delta = new float[global.Length];
            System.Numerics.Tensors.TensorPrimitives.Subtract(trained, global, delta);
            var epsilonMicros = _policy.Apply(decision, delta, _signer);
            var encoded = VectorEncoding.Encode(model.Layout, delta, PayloadKind.Update);
            var hash = SHA256.HashData(encoded);
            var signature = _signer.Sign(RunIds.Parse(started.RunId), started.Round, FromHex(started.GlobalModelHash), hash, _data.Train.Count);
            var train = model.Evaluate(trained, _data.Train);
            _logger.LogInformation("{Worker}: trained round {Round} on {Samples} samples in {Seconds:F1} s, loss {Loss:F4}",
                WorkerId, started.Round, _data.Train.Count, clock.Elapsed.TotalSeconds, result.EpochLosses[^1]);
            return new UpdateSubmitted(started.RunId, started.Round, WorkerId, _signer.Address, started.GlobalModelHash, encoded,
                "0x" + Convert.ToHexStringLower(hash), signature, _data.Train.Count,
                new LocalTrainingMetrics(result.EpochLosses[^1], train.Accuracy, result.Steps, clock.Elapsed.TotalSeconds) { EpsilonMicros = epsilonMicros })
            {
                ConsentSignature = decision.ConsentSignature,
            };
        }
    }

    /// <summary>Evaluates a global model (the one a round started from) on the local test split.</summary>
    public WorkerEvaluated Evaluate(RoundStarted started)
    {
        lock (_gate)
        {
            var model = ModelFor(started.Engine, started.ModelName);
            var result = model.Evaluate(LoadGlobal(model, started), _data.Test);
            return new WorkerEvaluated(started.RunId, started.Round - 1, WorkerId, started.GlobalModelHash,
                new EvaluationMetrics(result.Accuracy, result.Loss, result.Samples));
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

    private ITrainableModel ModelFor(string engine, string name)
    {
        if (!_models.TryGetValue((engine, name), out var model))
        {
            model = LearningEngines.Create(engine).Create(ModelFactory.SpecOf(name));
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
