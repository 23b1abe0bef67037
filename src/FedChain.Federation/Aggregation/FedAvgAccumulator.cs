using FedChain.Federation.Numerics;

namespace FedChain.Federation.Aggregation;

/// <summary>
/// Streaming weighted average: each update is folded in as it arrives (sum += w_k * x_k, one pass over
/// the update) and the mean sum / sum_k w_k is formed at the end, so memory is O(parameters) whatever
/// the number of clients. For FedAvg w_k = n_k, the client's sample count. Accumulates in float32: the
/// relative error grows like K * 2^-24 (about 6e-6 for 100 clients), far below the noise of SGD, and a
/// float64 sum would double the bytes moved per fold. Not thread-safe: callers serialise folds.
/// </summary>
public sealed class FedAvgAccumulator
{
    private readonly float[] _sum;

    /// <summary>Creates an empty accumulator for vectors of <paramref name="length"/> values.</summary>
    /// <param name="length">Values per vector.</param>
    /// <param name="parallel">Split each fold over the machine's cores (see <see cref="VectorMath.FoldWeighted"/>).</param>
    public FedAvgAccumulator(int length, bool parallel = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _sum = new float[length];
        Parallel = parallel;
    }

    /// <summary>Whether folds are split over the cores.</summary>
    public bool Parallel { get; }

    /// <summary>Number of values per vector.</summary>
    public int Length => _sum.Length;

    /// <summary>Number of updates folded so far.</summary>
    public int Count { get; private set; }

    /// <summary>Sum of the weights folded so far (total samples for FedAvg).</summary>
    public double TotalWeight { get; private set; }

    /// <summary>Folds one update with weight <paramref name="weight"/> (n_k for FedAvg).</summary>
    public void Fold(ReadOnlySpan<float> update, double weight) => Fold(update, weight, 1f);

    /// <summary>
    /// Folds <paramref name="scale"/> * update with weight <paramref name="weight"/>: the scale is how norm
    /// clipping costs nothing extra (the clipped vector is never materialised).
    /// </summary>
    public void Fold(ReadOnlySpan<float> update, double weight, float scale)
    {
        CheckWeight(weight, 0);
        if (update.Length != _sum.Length)
        {
            throw new ArgumentException($"update has {update.Length} values, the accumulator holds {_sum.Length}", nameof(update));
        }

        var factor = (float)(weight * scale);
        if (Count == 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(update, factor, _sum);
        }
        else
        {
            VectorMath.FoldWeighted(_sum, update, factor, Parallel);
        }

        Count++;
        TotalWeight += weight;
    }

    /// <summary>
    /// Folds several updates that are all at hand in one fused, tiled pass (the sum is read and written
    /// once for the whole batch): what a host does with the updates queued while the previous fold ran.
    /// </summary>
    public void FoldMany(ReadOnlySpan<ReadOnlyMemory<float>> updates, ReadOnlySpan<double> weights)
    {
        if (updates.Length != weights.Length)
        {
            throw new ArgumentException($"{updates.Length} updates but {weights.Length} weights", nameof(weights));
        }

        var factors = new float[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            CheckWeight(weights[k], k);
            factors[k] = (float)weights[k];
        }

        VectorMath.FoldWeightedMany(_sum, updates, factors, overwrite: Count == 0, Parallel);
        Count += updates.Length;
        foreach (var w in weights)
        {
            TotalWeight += w;
        }
    }

    /// <summary>The weighted mean of everything folded, as a new array.</summary>
    public float[] Result()
    {
        var result = new float[_sum.Length];
        Result(result);
        return result;
    }

    /// <summary>Writes the weighted mean into <paramref name="destination"/>.</summary>
    public void Result(Span<float> destination)
    {
        if (Count == 0 || TotalWeight <= 0)
        {
            throw new InvalidOperationException("no update with a positive weight has been folded: the mean is undefined");
        }

        if (destination.Length != _sum.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} values, expected {_sum.Length}", nameof(destination));
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(_sum, (float)(1.0 / TotalWeight), destination);
    }

    /// <summary>The raw weighted sum (not divided by the total weight).</summary>
    public ReadOnlySpan<float> Sum => _sum;

    /// <summary>Empties the accumulator for reuse.</summary>
    public void Reset()
    {
        Count = 0;
        TotalWeight = 0;
    }

    private static void CheckWeight(double weight, int index)
    {
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"weight #{index} must be finite and non-negative");
        }
    }
}
