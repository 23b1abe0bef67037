namespace FedChain.Learning.Metrics;

/// <summary>Metrics derived from an evaluation's per-class counts: balanced accuracy and the positive class's F1.</summary>
public static class ClassificationMetrics
{
    /// <summary>Mean recall over the classes present (support above 0), as scikit-learn's balanced_accuracy_score.</summary>
    public static double BalancedAccuracy(IReadOnlyList<ClassCounts> perClass)
    {
        ArgumentNullException.ThrowIfNull(perClass);
        var present = perClass.Where(c => c.Support > 0).ToArray();
        if (present.Length == 0)
        {
            throw new ArgumentException("balanced accuracy: no class has any sample");
        }

        return present.Average(c => (double)c.Correct / c.Support);
    }

    /// <summary>
    /// F1 of class <paramref name="positive"/> (harmonic mean of its precision and recall); 0 when it is
    /// never predicted correctly, as scikit-learn's f1_score with zero_division=0.
    /// </summary>
    public static double F1(IReadOnlyList<ClassCounts> perClass, int positive = 1)
    {
        ArgumentNullException.ThrowIfNull(perClass);
        var counts = perClass.FirstOrDefault(c => c.Label == positive)
            ?? throw new ArgumentException($"f1: no counts for class {positive}");

        // F1 = 2TP / (2TP + FP + FN) = 2TP / (predicted + support).
        var denominator = counts.Predicted + counts.Support;
        return denominator == 0 ? 0 : 2.0 * counts.Correct / denominator;
    }
}
