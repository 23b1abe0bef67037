namespace FedChain.Learning.Data;

/// <summary>
/// Per-feature standardisation (x - mean) / std, fitted on a worker's local training split only and then
/// applied to that split and its local test split, so no statistic of other data leaks in.
/// </summary>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _std;

    private Standardizer(float[] mean, float[] std)
    {
        _mean = mean;
        _std = std;
    }

    /// <summary>Feature means of the fitting data.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Feature standard deviations (population); 1 for constant features so they map to 0.</summary>
    public IReadOnlyList<float> StandardDeviation => _std;

    /// <summary>A standardizer with given statistics (e.g. merged from every site, or fixed by a task); std values must be positive.</summary>
    public static Standardizer FromMoments(IReadOnlyList<float> mean, IReadOnlyList<float> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (mean.Count != standardDeviation.Count)
        {
            throw new ArgumentException($"standardizer: {mean.Count} means but {standardDeviation.Count} standard deviations");
        }

        for (var j = 0; j < mean.Count; j++)
        {
            if (!float.IsFinite(mean[j]) || !(standardDeviation[j] > 0) || !float.IsFinite(standardDeviation[j]))
            {
                throw new ArgumentException($"standardizer: feature {j} has mean {mean[j]} and std {standardDeviation[j]}, expected finite values and std > 0");
            }
        }

        return new Standardizer([.. mean], [.. standardDeviation]);
    }

    /// <summary>Fits means and standard deviations on <paramref name="training"/> (double accumulation).</summary>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException($"{training.Source}: cannot fit a standardizer on zero samples");
        }

        var f = training.FeatureCount;
        var sum = new double[f];
        var sumSq = new double[f];
        for (var i = 0; i < training.Count; i++)
        {
            var row = training.Features(i);
            for (var j = 0; j < f; j++)
            {
                sum[j] += row[j];
            }
        }

        var mean = sum.Select(s => s / training.Count).ToArray();
        for (var i = 0; i < training.Count; i++)
        {
            var row = training.Features(i);
            for (var j = 0; j < f; j++)
            {
                var d = row[j] - mean[j];
                sumSq[j] += d * d;
            }
        }

        var std = sumSq.Select(s => Math.Sqrt(s / training.Count)).Select(s => s > 1e-12 ? (float)s : 1f).ToArray();
        return new Standardizer(mean.Select(m => (float)m).ToArray(), std);
    }

    /// <summary>A new dataset with standardised features (same rows, labels and sample descriptions).</summary>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != _mean.Length)
        {
            throw new ArgumentException($"{data.Source}: samples have {data.FeatureCount} features, the standardizer was fitted on {_mean.Length}");
        }

        var f = data.FeatureCount;
        var features = new float[(long)data.Count * f];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Features(i);
            for (var j = 0; j < f; j++)
            {
                features[(i * f) + j] = (row[j] - _mean[j]) / _std[j];
            }
        }

        return data.WithFeatures(features, data.Source);
    }
}
