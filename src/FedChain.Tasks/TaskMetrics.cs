using FedChain.Learning.Metrics;

namespace FedChain.Tasks;

/// <summary>The metrics a task names, computed from an evaluation (binary metrics take class 1 as positive).</summary>
public static class TaskMetrics
{
    /// <summary>Each metric of <paramref name="task"/> by name, in the task's order; ROC AUC is NaN when one class is absent.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Compute(TaskDefinition task, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(result);
        return task.Metrics.Select(name => new KeyValuePair<string, double>(name, name switch
        {
            "accuracy" => result.Accuracy,
            "balanced_accuracy" => ClassificationMetrics.BalancedAccuracy(result.PerClass),
            "roc_auc" => result.RocAuc ?? double.NaN,
            "f1" => ClassificationMetrics.F1(result.PerClass),
            _ => throw new ArgumentException($"task '{task.Name}': unknown metric '{name}'"),
        })).ToArray();
    }
}
