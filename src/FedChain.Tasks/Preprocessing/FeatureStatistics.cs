using System.Buffers.Binary;
using System.Security.Cryptography;
using FedChain.Learning.Data;

namespace FedChain.Tasks.Preprocessing;

/// <summary>
/// What a site contributes to federated standardisation, and nothing more: its sample count and, per
/// feature, the sum and the sum of squared deviations from its own mean. (That sum of squares carries
/// exactly what a raw sum of squares does, Σx² = M2 + sum²/count, but merges without the cancellation
/// the raw form suffers when a feature's mean is large against its spread.) Sites are merged with Chan
/// et al.'s pairwise update, in the order given, so every party that merges the same list gets the same bits.
/// </summary>
/// <param name="Count">Samples the statistics cover.</param>
/// <param name="Sum">Sum of each feature.</param>
/// <param name="SquaredDeviations">Per feature, Σ (x - mean)² about this set's own mean.</param>
public sealed record FeatureStatistics(long Count, IReadOnlyList<double> Sum, IReadOnlyList<double> SquaredDeviations)
{
    /// <summary>Features covered.</summary>
    public int FeatureCount => Sum.Count;

    /// <summary>A site's statistics over its (training) data: two passes in double precision, rows in order.</summary>
    public static FeatureStatistics Compute(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException($"{data.Source}: no samples to compute feature statistics from");
        }

        var f = data.FeatureCount;
        var sum = new double[f];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Features(i);
            for (var j = 0; j < f; j++)
            {
                sum[j] += row[j];
            }
        }

        var squares = new double[f];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Features(i);
            for (var j = 0; j < f; j++)
            {
                var d = row[j] - (sum[j] / data.Count);
                squares[j] += d * d;
            }
        }

        return new FeatureStatistics(data.Count, sum, squares);
    }

    /// <summary>
    /// Merges sites' statistics in the order given (the caller fixes it, e.g. by participant address):
    /// count and sums add; squared deviations add plus δ²·nₐ·n_b/n for the shift between the two means.
    /// </summary>
    public static FeatureStatistics Merge(IEnumerable<FeatureStatistics> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        FeatureStatistics? merged = null;
        var index = 0;
        foreach (var site in sites)
        {
            site.Check(merged?.FeatureCount ?? site.FeatureCount, $"site {index}");
            merged = merged is null ? site : Combine(merged, site);
            index++;
        }

        return merged ?? throw new ArgumentException("feature statistics: no site to merge");
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming <paramref name="who"/> if these statistics cannot be
    /// merged (wrong feature count, no samples, a non-finite or negative value), so one bad site is left out
    /// instead of spoiling everyone's preprocessing.
    /// </summary>
    public void Check(int featureCount, string who)
    {
        if (Sum is null || SquaredDeviations is null || Sum.Count != featureCount || SquaredDeviations.Count != featureCount)
        {
            throw new ArgumentException($"{who}: feature statistics cover {Sum?.Count ?? 0} sums and {SquaredDeviations?.Count ?? 0} squared deviations, expected {featureCount} features");
        }

        if (Count < 1)
        {
            throw new ArgumentException($"{who}: feature statistics over {Count} samples, expected at least 1");
        }

        for (var j = 0; j < featureCount; j++)
        {
            if (!double.IsFinite(Sum[j]) || !double.IsFinite(SquaredDeviations[j]) || SquaredDeviations[j] < 0)
            {
                throw new ArgumentException($"{who}: feature {j} has sum {Sum[j]} and squared deviations {SquaredDeviations[j]}, expected finite values, squared deviations >= 0");
            }
        }
    }

    /// <summary>
    /// SHA-256 over a domain tag, the count (int64 LE), the feature count (int32 LE), then the sums and squared deviations
    /// (float64 LE): what a site signs, so the aggregator merges exactly the values the site vouched for.
    /// </summary>
    public byte[] Hash()
    {
        var domain = "fedchain.feature-statistics.v1"u8;
        var bytes = new byte[domain.Length + 8 + 4 + (16 * FeatureCount)];
        domain.CopyTo(bytes);
        var at = domain.Length;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), Count);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 8), FeatureCount);
        at += 12;
        foreach (var value in Sum.Concat(SquaredDeviations))
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value);
            at += 8;
        }

        return SHA256.HashData(bytes);
    }

    private static FeatureStatistics Combine(FeatureStatistics a, FeatureStatistics b)
    {
        var n = a.Count + b.Count;
        var sum = new double[a.FeatureCount];
        var squares = new double[a.FeatureCount];
        for (var j = 0; j < sum.Length; j++)
        {
            var delta = (b.Sum[j] / b.Count) - (a.Sum[j] / a.Count);
            sum[j] = a.Sum[j] + b.Sum[j];
            squares[j] = a.SquaredDeviations[j] + b.SquaredDeviations[j] + (delta * delta * ((double)a.Count * b.Count / n));
        }

        return new FeatureStatistics(n, sum, squares);
    }
}
