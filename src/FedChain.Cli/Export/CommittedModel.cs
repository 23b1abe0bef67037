using System.Security.Cryptography;
using System.Text;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;
using FedChain.Cli.Infrastructure;
using FedChain.Federation.Encoding;
using FedChain.Learning;
using FedChain.Learning.Torch;
using FedChain.Messages;
using FedChain.Tasks;

namespace FedChain.Cli.Export;

/// <summary>
/// A round's committed global model as an aggregator's state directory holds it: the run's spec, the round's
/// record, the model blob (its bytes hash to the recorded model hash) decoded with the layout the spec names,
/// and the model it belongs to (a built-in module, or the run's TorchScript file with the task's hash).
/// </summary>
public sealed class CommittedModel : IDisposable
{
    private readonly string? _scratch;

    private CommittedModel(string runId, int round, string modelHash, string specJson, ITrainableModel model, ModelSpec? builtIn, float[] parameters, string description, string? scratch)
    {
        BuiltIn = builtIn;
        RunId = runId;
        Round = round;
        ModelHash = modelHash;
        SpecJson = specJson;
        Model = model;
        Parameters = parameters;
        Description = description;
        _scratch = scratch;
    }

    /// <summary>The run ("0x" + 64 hex digits).</summary>
    public string RunId { get; }

    /// <summary>The committed round.</summary>
    public int Round { get; }

    /// <summary>The model hash the aggregator recorded for the round ("0x" hex SHA-256 of the encoded vector).</summary>
    public string ModelHash { get; }

    /// <summary>The run's spec JSON (its SHA-256 is the on-chain spec hash).</summary>
    public string SpecJson { get; }

    /// <summary>The model whose layout the vector has (a TorchScript model can save itself with other parameters).</summary>
    public ITrainableModel Model { get; }

    /// <summary>The built-in architecture's spec, or null when the run trains a TorchScript file.</summary>
    public ModelSpec? BuiltIn { get; }

    /// <summary>The committed parameters, in the model's layout.</summary>
    public float[] Parameters { get; }

    /// <summary>What the model is, for people: "built-in mlp" or "TorchScript 0x…".</summary>
    public string Description { get; }

    /// <summary>
    /// Reads round <paramref name="round"/> (default: the last committed one) of run <paramref name="runId"/> from the state
    /// in <paramref name="stateDirectory"/>; <paramref name="modelFile"/> stands in for a TorchScript file the state does not hold.
    /// Anything missing, uncommitted or inconsistent is a <see cref="CliException"/> naming it.
    /// </summary>
    public static CommittedModel Load(string stateDirectory, string runId, int? round, string? modelFile)
    {
        var database = Path.Combine(stateDirectory, "aggregator.db");
        if (!File.Exists(database))
        {
            throw new CliException($"--state '{stateDirectory}' holds no aggregator.db", 2);
        }

        using var store = new AggregatorStore(database);
        var blobs = new ContentStore(Path.Combine(stateDirectory, "blobs"));
        var run = store.GetRun(runId) ?? throw new CliException($"the state in {stateDirectory} holds no run {runId}", 2);
        var number = round ?? run.LastCommittedRound;
        if (number < 1)
        {
            throw round is null
                ? new CliException($"run {runId} has no committed round in {stateDirectory} yet", 2)
                : new CliException($"--round {number} is not a round: rounds start at 1", 2);
        }

        var record = store.GetRound(runId, number);
        if (record is not { Status: RoundStatus.Committed, NewModelHash: { } modelHash })
        {
            var state = record is null ? "not started" : record.Status.ToString().ToLowerInvariant();
            throw new CliException($"round {number} of run {runId} is not committed in {stateDirectory} ({state}; last committed round: {run.LastCommittedRound})", 2);
        }

        var configuration = RunSpec.ConfigurationOf(run.SpecJson);
        string? scratch = null;
        ITrainableModel? model = null;
        try
        {
            ModelSpec? builtIn;
            string description;
            (model, builtIn, description, scratch) = CreateModel(run.SpecJson, configuration, blobs, stateDirectory, runId, modelFile);
            var (layoutHash, _) = RunSpec.LayoutOf(run.SpecJson);
            var layout = "0x" + Convert.ToHexStringLower(model.Layout.Hash);
            if (!string.Equals(layout, layoutHash, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"run {runId}: the model built from its spec has layout {layout}, the spec names {layoutHash}");
            }

            // ContentStore.Get refuses bytes that do not hash to the name, so the vector is the one the record names.
            var parameters = VectorEncoding.Decode(blobs.Get(modelHash), model.Layout, PayloadKind.Model).Values.ToArray();
            return new CommittedModel(runId, number, modelHash, run.SpecJson, model, builtIn, parameters, description, scratch);
        }
        catch
        {
            model?.Dispose();
            DeleteScratch(scratch);
            throw;
        }
    }

    /// <summary>"0x" hex SHA-256 of the spec JSON: what the chain records as the run's spec hash.</summary>
    public string SpecHash() => "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SpecJson)));

    /// <inheritdoc />
    public void Dispose()
    {
        Model.Dispose();
        DeleteScratch(_scratch);
    }

    private static (ITrainableModel Model, ModelSpec? BuiltIn, string Description, string? Scratch) CreateModel(
        string specJson, RunConfiguration configuration, ContentStore blobs, string stateDirectory, string runId, string? modelFile)
    {
        var engine = new TorchEngine();
        if (RunSpec.TaskOf(specJson) is not { } taskSpec)
        {
            var mnist = ModelFactory.SpecOf(configuration.ModelName);
            return (engine.Create(mnist), mnist, $"built-in {configuration.ModelName}", null);
        }

        var task = TaskFile.Parse(taskSpec.Task, $"the task of run {runId}", Directory.GetCurrentDirectory());
        if (!string.Equals(task.Hash, taskSpec.TaskHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"run {runId}: its task JSON hashes to {task.Hash}, its spec names {taskSpec.TaskHash}");
        }

        if (TaskModel.BuiltinSpec(task.Definition) is { } builtin)
        {
            return (engine.Create(builtin), builtin, $"built-in {builtin.Architecture} of task '{task.Definition.Name}'", null);
        }

        var sha256 = task.Definition.Model.Sha256!;
        string? scratch = null;
        string path;
        if (blobs.Contains(sha256))
        {
            scratch = Directory.CreateTempSubdirectory("fedchain-export-").FullName;
            path = Path.Combine(scratch, "model.pt");
            File.WriteAllBytes(path, blobs.Get(sha256));
        }
        else
        {
            path = modelFile ?? throw new CliException(
                $"the state in {stateDirectory} holds no TorchScript file {sha256} for run {runId} (the task's model.sha256): pass the task's .pt with --model-file", 2);
        }

        try
        {
            // Checks the file's SHA-256 against the task's before loading it.
            var model = TorchEngine.LoadTorchScript(path, sha256, TaskModel.InputShape(task.Definition), task.Definition.Input.Classes.Count);
            return (model, null, $"TorchScript {(sha256.StartsWith("0x", StringComparison.Ordinal) ? sha256 : "0x" + sha256)} of task '{task.Definition.Name}'", scratch);
        }
        catch
        {
            DeleteScratch(scratch);
            throw;
        }
    }

    private static void DeleteScratch(string? scratch)
    {
        if (scratch is not null && Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
