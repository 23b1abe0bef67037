using FedChain.Aggregator.Runs;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Evaluation;

/// <summary>The aggregator's held-out data for a task run: the task's validation and test sets, prepared as every site prepares its own.</summary>
public static class TaskServerEvaluation
{
    /// <summary>
    /// Builds the <see cref="ServerEvaluation"/> of a task from its held-out sets and the run's one
    /// <paramref name="standardisation"/> (null for image tasks), and the spec part that records them.
    /// </summary>
    public static (ServerEvaluation Evaluation, RunTaskSpec Spec) Create(TaskFile task, TaskHeldOutData heldOut, Standardisation? standardisation)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (task.Definition.Input.Format == "tabular" && standardisation is null)
        {
            throw new ArgumentException($"task '{task.Definition.Name}': a tabular task's held-out sets need the run's standardisation", nameof(standardisation));
        }

        var (validation, test) = heldOut.Prepare(standardisation);
        return (new ServerEvaluation(validation, test), RunTaskSpec.From(task, standardisation, heldOut));
    }
}
