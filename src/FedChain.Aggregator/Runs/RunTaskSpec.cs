using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// What a task run's spec records about the task, so the on-chain spec hash commits to it: the task
/// (canonical JSON and its hash), the one standardisation every site applies (values and hash; null for
/// image tasks, normalised by the task itself) and the hashes of the aggregator's held-out files.
/// </summary>
/// <param name="TaskHash">The task's hash (<see cref="TaskFile.Hash"/>).</param>
/// <param name="Task">The task's canonical JSON (<see cref="TaskFile.CanonicalJson"/>).</param>
/// <param name="StandardisationHash">The standardisation's hash (<see cref="Standardisation.Hash"/>), or null.</param>
/// <param name="StandardisationMean">The means applied, per feature, or null.</param>
/// <param name="StandardisationStd">The standard deviations applied, per feature, or null.</param>
/// <param name="ValidationFileHash">SHA-256 of the validation file or folder as held.</param>
/// <param name="TestFileHash">SHA-256 of the test file or folder as held.</param>
public sealed record RunTaskSpec(
    string TaskHash,
    string Task,
    string? StandardisationHash,
    IReadOnlyList<float>? StandardisationMean,
    IReadOnlyList<float>? StandardisationStd,
    string ValidationFileHash,
    string TestFileHash)
{
    /// <summary>The spec part of a task run.</summary>
    public static RunTaskSpec From(TaskFile task, Standardisation? standardisation, TaskHeldOutData heldOut)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(heldOut);
        return new RunTaskSpec(
            task.Hash, task.CanonicalJson, standardisation?.Hash, standardisation?.Mean, standardisation?.Std, heldOut.ValidationFileHash, heldOut.TestFileHash);
    }
}
