using FedChain.Learning.Data;
using FedChain.Learning.Metrics;

namespace FedChain.Learning;

/// <summary>Evaluates a model on a dataset: loss, accuracy, per-class counts and, for binary tasks, ROC AUC.</summary>
public static class Evaluator
{
    /// <summary>Runs the model over every sample in batches of <paramref name="batchSize"/>; the model is not changed.</summary>
    public static EvaluationResult Evaluate(IModel model, Dataset data, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        return Evaluate(model.NumClasses, data, batchSize, (rows, probabilities) => model.Predict(data, rows, probabilities));
    }

    /// <summary>
    /// The same metrics from any engine's batch predictions: <paramref name="predict"/> is called on consecutive
    /// row ranges of at most <paramref name="batchSize"/> rows, in order.
    /// </summary>
    public static EvaluationResult Evaluate(int classes, Dataset data, int batchSize, BatchPredictor predict)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException($"{data.Source}: no samples to evaluate");
        }

        var support = new int[classes];
        var correct = new int[classes];
        var predicted = new int[classes];
        var binary = classes == 2;
        var scores = binary ? new float[data.Count] : [];
        var labels = binary ? new int[data.Count] : [];
        var rows = new int[Math.Min(batchSize, data.Count)];
        var probabilities = new float[rows.Length * classes];
        double loss = 0;
        for (var at = 0; at < data.Count; at += rows.Length)
        {
            var n = Math.Min(rows.Length, data.Count - at);
            for (var i = 0; i < n; i++)
            {
                rows[i] = at + i;
            }

            loss += (double)predict(rows.AsSpan(0, n), probabilities) * n;
            for (var i = 0; i < n; i++)
            {
                var p = probabilities.AsSpan(i * classes, classes);
                var best = 0;
                for (var c = 1; c < classes; c++)
                {
                    if (p[c] > p[best])
                    {
                        best = c;
                    }
                }

                var label = data.Label(at + i);
                support[label]++;
                predicted[best]++;
                if (best == label)
                {
                    correct[label]++;
                }

                if (binary)
                {
                    scores[at + i] = p[1];
                    labels[at + i] = label;
                }
            }
        }

        var totalCorrect = correct.Sum();
        var perClass = Enumerable.Range(0, classes).Select(c => new ClassCounts(c, support[c], correct[c], predicted[c])).ToArray();
        return new EvaluationResult(loss / data.Count, (double)totalCorrect / data.Count, data.Count, totalCorrect, perClass, binary ? RocAuc.Compute(scores, labels) : null);
    }
}
