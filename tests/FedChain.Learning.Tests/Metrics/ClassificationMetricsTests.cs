using FedChain.Learning.Metrics;

namespace FedChain.Learning.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    // 10 negatives (8 right), 5 positives (3 right): TP = 3, FN = 2, FP = 2, TN = 8.
    private static readonly ClassCounts[] Counts = [new(0, 10, 8, 10), new(1, 5, 3, 5)];

    [Fact]
    public void BalancedAccuracy_UnequalClasses_AveragesRecalls()
    {
        Assert.Equal((0.8 + 0.6) / 2, ClassificationMetrics.BalancedAccuracy(Counts), 12);
    }

    [Fact]
    public void BalancedAccuracy_AbsentClass_IsLeftOut()
    {
        Assert.Equal(0.8, ClassificationMetrics.BalancedAccuracy([new(0, 10, 8, 9), new(1, 0, 0, 1)]), 12);
    }

    [Fact]
    public void F1_PositiveClass_IsHarmonicMeanOfPrecisionAndRecall()
    {
        const double precision = 3.0 / 5, recall = 3.0 / 5;
        Assert.Equal(2 * precision * recall / (precision + recall), ClassificationMetrics.F1(Counts), 12);
    }

    [Fact]
    public void F1_NeverPredictedNorPresent_IsZero()
    {
        Assert.Equal(0, ClassificationMetrics.F1([new(0, 10, 10, 10), new(1, 0, 0, 0)]));
    }
}
