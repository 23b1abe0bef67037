using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FedChain.Learning.Data;

namespace FedChain.Tasks.Preprocessing;

/// <summary>
/// The one standardisation (x - mean) / std every site and the aggregator apply in a run, from the
/// federation's merged statistics or fixed by the task. <see cref="Hash"/> identifies it in the run's spec.
/// </summary>
public sealed class Standardisation
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("fedchain.standardisation.v1");
    private readonly Standardizer _standardizer;

    private Standardisation(float[] mean, float[] std)
    {
        Mean = mean;
        Std = std;
        _standardizer = Standardizer.FromMoments(mean, std);
        Hash = "0x" + Convert.ToHexStringLower(HashOf(mean, std));
    }

    /// <summary>Mean per feature (float32, as applied).</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Standard deviation per feature (float32, as applied; positive).</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>
    /// "0x" + SHA-256 over a domain tag, the feature count (int32 LE) and the float32 LE means then standard
    /// deviations: exactly the values applied, so two parties with the same hash scale inputs identically.
    /// </summary>
    public string Hash { get; }

    /// <summary>
    /// Finalises merged statistics: mean = sum / n, population std = sqrt(M2 / n) (as scikit-learn's
    /// StandardScaler); a constant feature gets std 1, so it maps to 0 instead of dividing by zero.
    /// </summary>
    public static Standardisation FromStatistics(FeatureStatistics merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        merged.Check(merged.FeatureCount, "merged statistics");
        var mean = new float[merged.FeatureCount];
        var std = new float[merged.FeatureCount];
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] = (float)(merged.Sum[j] / merged.Count);
            var s = (float)Math.Sqrt(merged.SquaredDeviations[j] / merged.Count);
            std[j] = s > 1e-12f && float.IsFinite(s) ? s : 1f;
        }

        return new Standardisation(mean, std);
    }

    /// <summary>Given means and standard deviations (e.g. a task's fixed ones).</summary>
    public static Standardisation Fixed(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        return new Standardisation(mean.Select(m => (float)m).ToArray(), std.Select(s => (float)s).ToArray());
    }

    /// <summary>The identity (mean 0, std 1) over <paramref name="features"/> features: a task whose mode is "none".</summary>
    public static Standardisation Identity(int features) =>
        new(new float[features], Enumerable.Repeat(1f, features).ToArray());

    /// <summary>
    /// The standardisation a tabular task prescribes: its fixed values, the identity for "none", or for
    /// "federated" the finalised <paramref name="merged"/> statistics of every site (required then).
    /// </summary>
    public static Standardisation ForTask(TaskDefinition task, FeatureStatistics? merged = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var input = task.Input;
        if (input.Format != "tabular" || input.FeatureColumns is null || input.Standardisation is null)
        {
            throw new ArgumentException($"task '{task.Name}': standardisation applies to tabular inputs; images are normalised by input.normalisation when read");
        }

        var features = input.FeatureColumns.Count;
        switch (input.Standardisation.Mode)
        {
            case "fixed":
                return Fixed(input.Standardisation.Mean!, input.Standardisation.Std!);
            case "none":
                return Identity(features);
            default:
                if (merged is null)
                {
                    throw new ArgumentException($"task '{task.Name}': input.standardisation is \"federated\" but no merged site statistics were given");
                }

                merged.Check(features, $"task '{task.Name}' merged statistics");
                return FromStatistics(merged);
        }
    }

    /// <summary>A new dataset with standardised features (same rows, labels and sample descriptions).</summary>
    public Dataset Apply(Dataset data) => _standardizer.Apply(data);

    private static byte[] HashOf(float[] mean, float[] std)
    {
        var bytes = new byte[Domain.Length + 4 + (8 * mean.Length)];
        Domain.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Domain.Length), mean.Length);
        var at = Domain.Length + 4;
        foreach (var value in mean.Concat(std))
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), value);
            at += 4;
        }

        return SHA256.HashData(bytes);
    }
}
