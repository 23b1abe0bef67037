using FedChain.Federation.Numerics;

namespace FedChain.Federation.Aggregation;

/// <summary>
/// Pure aggregation functions over a round's updates (Flower's strategy/aggregate.py): the strategy
/// objects call these, tests and verifiers can too. Inputs are never modified.
/// </summary>
public static class Aggregates
{
    /// <summary>Coordinates per parallel work item in the coordinate-wise rules.</summary>
    private const int CoordinateChunk = 4096;

    /// <summary>Batch weighted mean sum_k w_k x_k / sum_k w_k accumulated in float64: the reference the streaming fold is checked against.</summary>
    public static float[] WeightedAverage(IReadOnlyList<float[]> updates, IReadOnlyList<double> weights)
    {
        var length = CheckUpdates(updates, 1);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != updates.Count)
        {
            throw new ArgumentException($"{updates.Count} updates but {weights.Count} weights", nameof(weights));
        }

        var total = weights.Sum();
        if (!(total > 0) || weights.Any(w => !(w >= 0) || !double.IsFinite(w)))
        {
            throw new ArgumentException("weights must be finite, non-negative and not all zero", nameof(weights));
        }

        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < updates.Count; k++)
            {
                sum += weights[k] * updates[k][i];
            }

            result[i] = (float)(sum / total);
        }

        return result;
    }

    /// <summary>Coordinate-wise median (Yin et al. 2018); with an even count, the mean of the two middle values.</summary>
    public static float[] CoordinateMedian(IReadOnlyList<float[]> updates)
    {
        var length = CheckUpdates(updates, 1);
        var n = updates.Count;
        return PerCoordinate(updates, length, column =>
        {
            Array.Sort(column);
            return n % 2 == 1 ? column[n / 2] : (float)(((double)column[(n / 2) - 1] + column[n / 2]) / 2);
        });
    }

    /// <summary>
    /// Coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, drop the floor(beta * n) smallest
    /// and largest values and average the rest. Needs beta in [0, 0.5) and at least one value left.
    /// </summary>
    public static float[] TrimmedMean(IReadOnlyList<float[]> updates, double beta)
    {
        var length = CheckUpdates(updates, 1);
        var n = updates.Count;
        var cut = TrimCount(n, beta);
        return PerCoordinate(updates, length, column =>
        {
            Array.Sort(column);
            var sum = 0.0;
            for (var k = cut; k < n - cut; k++)
            {
                sum += column[k];
            }

            return (float)(sum / (n - (2 * cut)));
        });
    }

    /// <summary>How many values trimmed mean drops at each end: floor(beta * n); throws when nothing would be left.</summary>
    public static int TrimCount(int n, double beta)
    {
        if (!(beta >= 0 && beta < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "trimmed-mean beta must be in [0, 0.5)");
        }

        var cut = (int)Math.Floor(beta * n);
        if (n - (2 * cut) < 1)
        {
            throw new ArgumentException($"trimming {cut} values at each end of {n} leaves nothing to average");
        }

        return cut;
    }

    /// <summary>
    /// Krum scores (Blanchard et al. 2017): for each update, the sum of squared distances to its
    /// n - f - 2 nearest other updates. Requires n >= 2f + 3.
    /// </summary>
    public static double[] KrumScores(IReadOnlyList<float[]> updates, int f)
    {
        CheckUpdates(updates, 1);
        var n = updates.Count;
        RequireKrumFeasible(n, f);
        var distances = RobustAggregates.PairwiseSquaredDistances(updates);

        var neighbours = n - f - 2;
        var scores = new double[n];
        var row = new double[n - 1];
        for (var i = 0; i < n; i++)
        {
            var c = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    row[c++] = distances[i, j];
                }
            }

            Array.Sort(row);
            scores[i] = row.Take(neighbours).Sum();
        }

        return scores;
    }

    /// <summary>Multi-Krum selection: indices of the m updates with the lowest Krum scores (ties by index), m in [1, n - f].</summary>
    public static int[] MultiKrumSelect(IReadOnlyList<float[]> updates, int f, int m)
    {
        var scores = KrumScores(updates, f);
        var n = updates.Count;
        if (m < 1 || m > n - f)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"Multi-Krum m must be in [1, n - f] = [1, {n - f}]");
        }

        return Enumerable.Range(0, n).OrderBy(i => scores[i]).ThenBy(i => i).Take(m).ToArray();
    }

    /// <summary>Throws unless Krum's assumption n >= 2f + 3 holds (with f >= 0).</summary>
    public static void RequireKrumFeasible(int n, int f)
    {
        if (f < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, "Krum f (Byzantine clients tolerated) must be non-negative");
        }

        if (n < (2 * f) + 3)
        {
            throw new ArgumentException($"Krum with f = {f} needs at least 2f + 3 = {(2 * f) + 3} updates, got {n}");
        }
    }

    private static float[] PerCoordinate(IReadOnlyList<float[]> updates, int length, Func<float[], float> reduce)
    {
        var result = new float[length];
        var n = updates.Count;
        var chunks = (length + CoordinateChunk - 1) / CoordinateChunk;
        Parallel.For(0, chunks, () => new float[n], (chunk, _, column) =>
        {
            var end = Math.Min(length, (chunk + 1) * CoordinateChunk);
            for (var i = chunk * CoordinateChunk; i < end; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    column[k] = updates[k][i];
                }

                result[i] = reduce(column);
            }

            return column;
        }, _ => { });
        return result;
    }

    private static int CheckUpdates(IReadOnlyList<float[]> updates, int minimum)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count < minimum)
        {
            throw new ArgumentException($"at least {minimum} updates needed, got {updates.Count}", nameof(updates));
        }

        var length = updates[0].Length;
        for (var k = 1; k < updates.Count; k++)
        {
            if (updates[k].Length != length)
            {
                throw new ArgumentException($"update #{k} has {updates[k].Length} values, update #0 has {length}", nameof(updates));
            }
        }

        return length;
    }
}
