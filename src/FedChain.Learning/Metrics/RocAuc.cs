namespace FedChain.Learning.Metrics;

/// <summary>Area under the ROC curve from scores and binary labels (rank statistic, ties counted half).</summary>
public static class RocAuc
{
    /// <summary>AUC of <paramref name="scores"/> for positives (label 1) over negatives (label 0); null if either is absent.</summary>
    public static double? Compute(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"roc auc: {scores.Length} scores but {labels.Length} labels");
        }

        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0, negatives = 0, rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            // Tied scores share the mean of their ranks (1-based).
            var j = i;
            while (j + 1 < order.Length && keys[j + 1] == keys[i])
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1;
            for (var t = i; t <= j; t++)
            {
                var label = labels[order[t]];
                if (label is not (0 or 1))
                {
                    throw new ArgumentException($"roc auc: label {label} at index {order[t]}, expected 0 or 1");
                }

                if (label == 1)
                {
                    positives++;
                    rankSum += rank;
                }
                else
                {
                    negatives++;
                }
            }

            i = j + 1;
        }

        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
