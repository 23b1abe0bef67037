using FedChain.Learning.Metrics;

namespace FedChain.Tasks.Tests;

public sealed class TaskMetricsTests
{
    [Fact]
    public void Compute_BinaryTask_ReportsEveryNamedMetricInOrder()
    {
        var task = TaskFile.Parse(TaskFileTests.Tabular, "task.json", "/data").Definition;
        var result = new EvaluationResult(0.3, 11.0 / 15, 15, 11, [new(0, 10, 8, 10), new(1, 5, 3, 5)], 0.9);

        var metrics = TaskMetrics.Compute(task, result);

        Assert.Equal(["accuracy", "balanced_accuracy", "roc_auc", "f1"], metrics.Select(m => m.Key));
        Assert.Equal([Math.Round(11.0 / 15, 12), 0.7, 0.9, 0.6], metrics.Select(m => Math.Round(m.Value, 12)));
    }
}
