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
    private AggregatorTask(TaskFile task, Standardisation? standardisation, ServerEvaluation evaluation, RunTaskSpec spec, byte[]? modelFile)
    {
        Task = task;
        Standardisation = standardisation;
        Evaluation = evaluation;
        Spec = spec;
        ModelFile = modelFile;
    }

    /// <summary>The task.</summary>
    public TaskFile Task { get; }

    /// <summary>The standardisation of a tabular task (fixed in the task, or the identity), null for images.</summary>
    public Standardisation? Standardisation { get; }

    /// <summary>The aggregator's evaluation over the task's held-out validation and test sets.</summary>
    public ServerEvaluation Evaluation { get; }

    /// <summary>What the run's spec records about the task.</summary>
    public RunTaskSpec Spec { get; }

    /// <summary>The TorchScript model file's bytes, or null for a built-in model.</summary>
    public byte[]? ModelFile { get; }

    /// <summary>
    /// Loads the task file, its held-out sets and its model file; a task that cannot be satisfied is an error
    /// naming the field. A federated standardisation needs the sites' <paramref name="merged"/> statistics
    /// (the one-process simulation has them; the aggregator host does not run that exchange yet).
    /// </summary>
    public static AggregatorTask Load(string path, FeatureStatistics? merged = null)
    {
        var task = TaskFile.Load(path);
        Standardisation? standardisation = null;
        if (task.Definition.Input.Format == "tabular")
        {
            if (task.Definition.Input.Standardisation?.Mode == "federated" && merged is null)
            {
                throw new TaskDefinitionException(task.Source, "input.standardisation.mode",
                    "is \"federated\", which the aggregator host does not run yet: expected \"fixed\" (with mean and std) or \"none\"");
            }

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

        var heldOut = TaskHeldOutData.Load(task);
        var (evaluation, spec) = TaskServerEvaluation.Create(task, heldOut, standardisation);
        return new AggregatorTask(task, standardisation, evaluation, spec, modelFile);
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
