using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.Runs;
using FedChain.Learning;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Tasks;

/// <summary>
/// The task an aggregator host serves (Aggregator:TaskFile): the task, the one standardisation every site
/// applies, the held-out sets it evaluates on, the spec part that records them, and the TorchScript bytes it
/// hands workers. Runs that name another task are refused.
/// </summary>
public sealed class AggregatorTask
{
    private AggregatorTask(TaskFile task, Standardisation? standardisation, TaskHeldOutData heldOut, byte[]? modelFile)
    {
        Task = task;
        Standardisation = standardisation;
        _heldOut = heldOut;
        ModelFile = modelFile;
        if (!NeedsSiteStatistics)
        {
            (Evaluation, Spec) = TaskServerEvaluation.Create(task, heldOut, standardisation);
        }
    }

    private readonly TaskHeldOutData _heldOut;
    private (string Hash, ServerEvaluation Evaluation, RunTaskSpec Spec)? _lastRun;

    /// <summary>The task.</summary>
    public TaskFile Task { get; }

    /// <summary>
    /// The standardisation of a tabular task (fixed in the task, the identity, or the one-process simulation's merged
    /// statistics), null for images and for a federated one the host fixes per run (<see cref="NeedsSiteStatistics"/>).
    /// </summary>
    public Standardisation? Standardisation { get; }

    /// <summary>
    /// True when the task's standardisation is "federated" and no merged statistics were given: each run collects the
    /// sites' statistics before round 1 and is evaluated with <see cref="ForRun"/>.
    /// </summary>
    public bool NeedsSiteStatistics => Task.Definition.Input.Format == "tabular" && Standardisation is null;

    /// <summary>The task's feature count (0 for an image task).</summary>
    public int FeatureCount => Task.Definition.Input.FeatureColumns?.Count ?? 0;

    /// <summary>The aggregator's evaluation over the task's held-out validation and test sets; null when each run fixes its own standardisation.</summary>
    public ServerEvaluation? Evaluation { get; }

    /// <summary>What the run's spec records about the task; null when each run fixes its own standardisation.</summary>
    public RunTaskSpec? Spec { get; }

    /// <summary>The TorchScript model file's bytes, or null for a built-in model.</summary>
    public byte[]? ModelFile { get; }

    /// <summary>
    /// Loads the task file, its held-out sets and its model file; a task that cannot be satisfied is an error
    /// naming the field. A federated standardisation is fixed from the sites' <paramref name="merged"/> statistics
    /// when given (the one-process simulation), otherwise per run by the host's statistics exchange.
    /// </summary>
    public static AggregatorTask Load(string path, FeatureStatistics? merged = null)
    {
        var task = TaskFile.Load(path);
        Standardisation? standardisation = null;
        if (task.Definition.Input.Format == "tabular" && (task.Definition.Input.Standardisation?.Mode != "federated" || merged is not null))
        {
            standardisation = Standardisation.ForTask(task.Definition, merged);
        }

        byte[]? modelFile = null;
        if (task.TorchScriptPath is { } modelPath)
        {
            if (!File.Exists(modelPath))
            {
                throw new TaskDefinitionException(task.Source, "model.torchscript", $"'{modelPath}' not found");
            }

            modelFile = File.ReadAllBytes(modelPath);

            // A file that is not TorchScript, or not the one the task's hash names, stops the host before any run.
            using var probe = TorchEngine.LoadTorchScript(modelPath, task.Definition.Model.Sha256!, TaskModel.InputShape(task.Definition), task.Definition.Input.Classes.Count);
        }

        return new AggregatorTask(task, standardisation, TaskHeldOutData.Load(task), modelFile);
    }

    /// <summary>
    /// The held-out evaluation and spec part of a run: the task's own, or for a run-fixed standardisation the held-out
    /// sets scaled with <paramref name="runStandardisation"/> (the last one is kept, so a run's rounds reuse it).
    /// </summary>
    public (ServerEvaluation Evaluation, RunTaskSpec Spec) ForRun(Standardisation? runStandardisation)
    {
        if (!NeedsSiteStatistics)
        {
            return (Evaluation!, Spec!);
        }

        ArgumentNullException.ThrowIfNull(runStandardisation);
        if (_lastRun is { } last && last.Hash == runStandardisation.Hash)
        {
            return (last.Evaluation, last.Spec);
        }

        var (evaluation, spec) = TaskServerEvaluation.Create(Task, _heldOut, runStandardisation);
        _lastRun = (runStandardisation.Hash, evaluation, spec);
        return (evaluation, spec);
    }

    /// <summary>
    /// The standardisation a started run's spec part records, for a run resumed after a restart: rebuilt from its float32
    /// values and checked against its hash; null when this task does not fix one per run.
    /// </summary>
    public Standardisation? StandardisationOf(RunTaskSpec? spec, string runId)
    {
        if (!NeedsSiteStatistics || spec is not { StandardisationMean: { } mean, StandardisationStd: { } std })
        {
            return null;
        }

        var standardisation = Standardisation.Fixed(mean.Select(m => (double)m).ToArray(), std.Select(v => (double)v).ToArray());
        return standardisation.Hash == spec.StandardisationHash
            ? standardisation
            : throw new InvalidDataException($"run {runId}: its spec's standardisation values hash to {standardisation.Hash}, the spec records {spec.StandardisationHash}");
    }

    /// <summary>The name workers advertise in their heartbeat when they hold the task with hash <paramref name="taskHash"/>.</summary>
    public static string ModelKey(string taskHash) => "task:" + taskHash.ToLowerInvariant();

    /// <summary>Builds the task's model on <paramref name="engine"/>: a built-in seeded with <paramref name="seed"/>, or the TorchScript file (hash checked).</summary>
    public ITrainableModel CreateModel(string engine, ulong seed)
    {
        if (TaskModel.BuiltinSpec(Task.Definition) is { } spec)
        {
            return LearningEngines.Create(engine).Create(spec, seed);
        }

        if (engine != TorchEngine.EngineName)
        {
            throw new ArgumentException($"Configuration.Engine '{engine}' cannot run a TorchScript model ({Task.Source}: model.torchscript): expected 'torch'");
        }

        return TorchEngine.LoadTorchScript(Task.TorchScriptPath!, Task.Definition.Model.Sha256!, TaskModel.InputShape(Task.Definition), Task.Definition.Input.Classes.Count);
    }

    /// <summary>Null when <paramref name="configuration"/> is a run of this task; otherwise why not, naming the field.</summary>
    public string? Refusal(RunConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.Task is not { } runTask)
        {
            return $"Configuration.Task is not set, but this aggregator evaluates task '{Task.Definition.Name}' ({Task.Hash}) only";
        }

        return string.Equals(runTask.Hash, Task.Hash, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Configuration.Task.Hash {runTask.Hash} is not the aggregator's task '{Task.Definition.Name}' ({Task.Hash}, {Task.Source})";
    }
}
