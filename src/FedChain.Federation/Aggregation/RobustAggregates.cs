using FedChain.Federation.Numerics;

namespace FedChain.Federation.Aggregation;

/// <summary>
/// The Byzantine-robust rules beyond median, trimmed mean and Krum, as pure functions (ByzFL's
/// aggregators are the semantics checked against): Bulyan, centered clipping and FLTrust, and the
/// assumptions each one states. Inputs are never modified.
/// </summary>
public static class RobustAggregates
{
    /// <summary>Throws unless Bulyan's assumption n >= 4f + 3 holds (El Mhamdi et al. 2018), naming the rule.</summary>
    public static void RequireBulyanFeasible(int n, int f)
    {
        if (f < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, "Bulyan f (Byzantine clients tolerated) must be non-negative");
        }

        if (n < (4 * f) + 3)
        {
            throw new ArgumentException($"Bulyan with f = {f} needs n >= 4f + 3 = {(4 * f) + 3} updates, got {n}");
        }
    }

    /// <summary>Throws unless centered clipping's radius tau > 0 and iterations L >= 1 (Karimireddy et al. 2021), naming the rule.</summary>
    public static void RequireCenteredClippingValid(double tau, int iterations)
    {
        if (!(tau > 0) || !double.IsFinite(tau))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, $"centered clipping needs a radius tau > 0, got {tau}");
        }

        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"centered clipping needs L >= 1 iterations, got {iterations}");
        }
    }

    /// <summary>
    /// Bulyan (El Mhamdi et al. 2018): select theta = n - 2f updates by iterated Krum (each pass keeps the
    /// Krum winner of those left, with f), then per coordinate average the beta = theta - 2f selected
    /// values closest to their median. Returns the aggregate and the selected indices (in selection order).
    /// </summary>
    public static (float[] Aggregate, int[] Selected) Bulyan(IReadOnlyList<float[]> updates, int f)
    {
        var length = Check(updates);
        var n = updates.Count;
        RequireBulyanFeasible(n, f);
        var distances = PairwiseSquaredDistances(updates);
        var theta = n - (2 * f);
        var remaining = Enumerable.Range(0, n).ToList();
        var selected = new int[theta];
        for (var t = 0; t < theta; t++)
        {
            // Krum over what is left: the sum of distances to the |R| - f - 2 nearest others (at least one).
            var neighbours = Math.Clamp(remaining.Count - f - 2, 1, Math.Max(1, remaining.Count - 1));
            var best = -1;
            var bestScore = double.PositiveInfinity;
            foreach (var i in remaining)
            {
                var row = remaining.Where(j => j != i).Select(j => distances[i, j]).Order().Take(neighbours).Sum();
                if (row < bestScore)
                {
                    bestScore = row;
                    best = i;
                }
            }

            selected[t] = best;
            remaining.Remove(best);
        }

        var beta = theta - (2 * f);
        var chosen = selected.Select(k => updates[k]).ToArray();
        var result = new float[length];
        Parallel.For(0, (length + 4095) / 4096, () => (new float[theta], new int[theta]), (chunk, _, buffers) =>
        {
            var (column, order) = buffers;
            var end = Math.Min(length, (chunk + 1) * 4096);
            for (var i = chunk * 4096; i < end; i++)
            {
                for (var k = 0; k < theta; k++)
                {
                    column[k] = chosen[k][i];
                }

                Array.Sort(column);
                var median = theta % 2 == 1 ? column[theta / 2] : (float)(((double)column[(theta / 2) - 1] + column[theta / 2]) / 2);

                // The beta values closest to the median form a contiguous window of the sorted column.
                var lo = 0;
                for (var start = 1; start + beta <= theta; start++)
                {
                    var current = Math.Max(median - column[lo], column[lo + beta - 1] - median);
                    var candidate = Math.Max(median - column[start], column[start + beta - 1] - median);
                    if (candidate < current)
                    {
                        lo = start;
                    }
                }

                var sum = 0.0;
                for (var k = lo; k < lo + beta; k++)
                {
                    sum += column[k];
                }

                result[i] = (float)(sum / beta);
            }

            return buffers;
        }, _ => { });
        return (result, selected);
    }

    /// <summary>
    /// Centered clipping (Karimireddy et al. 2021, eq. 2): starting from <paramref name="center"/> (the
    /// previous aggregate), L times v = v + (1/n) sum_i (x_i - v) min(1, tau / ||x_i - v||). Returns the
    /// aggregate and each update's clip factor in the last iteration.
    /// </summary>
    public static (float[] Aggregate, double[] ClipFactors) CenteredClipping(IReadOnlyList<float[]> updates, ReadOnlySpan<float> center, double tau, int iterations)
    {
        var length = Check(updates);
        RequireCenteredClippingValid(tau, iterations);
        if (center.Length != length)
        {
            throw new ArgumentException($"the center has {center.Length} values, the updates have {length}", nameof(center));
        }

        var n = updates.Count;
        var v = center.ToArray();
        var factors = new double[n];
        var difference = new float[length];
        var step = new double[length];
        for (var l = 0; l < iterations; l++)
        {
            Array.Clear(step);
            for (var k = 0; k < n; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.Subtract(updates[k], v, difference);
                var norm = VectorMath.L2Norm(difference);
                factors[k] = norm > tau ? tau / norm : 1.0;
                for (var i = 0; i < length; i++)
                {
                    step[i] += factors[k] * difference[i];
                }
            }

            for (var i = 0; i < length; i++)
            {
                v[i] = (float)(v[i] + (step[i] / n));
            }
        }

        return (v, factors);
    }

    /// <summary>
    /// FLTrust (Cao et al. 2021, Algorithm 2): trust TS_i = ReLU(cos(g_i, g_0)) against the server's root
    /// update g_0; each update is rescaled to ||g_0||; the aggregate is sum TS_i (||g_0|| / ||g_i||) g_i / sum TS_i,
    /// and zero when no update earns trust. Returns the aggregate and the trust scores.
    /// </summary>
    public static (float[] Aggregate, double[] Trust) FlTrust(IReadOnlyList<float[]> updates, ReadOnlySpan<float> serverUpdate)
    {
        var length = Check(updates);
        if (serverUpdate.Length != length)
        {
            throw new ArgumentException($"the server update has {serverUpdate.Length} values, the updates have {length}", nameof(serverUpdate));
        }

        var serverNorm = VectorMath.L2Norm(serverUpdate);
        var n = updates.Count;
        var trust = new double[n];
        var scale = new double[n];
        for (var k = 0; k < n; k++)
        {
            var norm = VectorMath.L2Norm(updates[k]);
            if (norm > 0 && serverNorm > 0)
            {
                var cosine = Dot(updates[k], serverUpdate) / (norm * serverNorm);
                trust[k] = Math.Max(0, cosine);
                scale[k] = serverNorm / norm;
            }
        }

        var total = trust.Sum();
        var result = new float[length];
        if (total <= 0)
        {
            return (result, trust);
        }

        var sum = new double[length];
        for (var k = 0; k < n; k++)
        {
            if (trust[k] > 0)
            {
                var w = trust[k] * scale[k];
                var u = updates[k];
                for (var i = 0; i < length; i++)
                {
                    sum[i] += w * u[i];
                }
            }
        }

        for (var i = 0; i < length; i++)
        {
            result[i] = (float)(sum[i] / total);
        }

        return (result, trust);
    }

    /// <summary>Inner product accumulated in float64.</summary>
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"vectors of {x.Length} and {y.Length} values", nameof(y));
        }

        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (double)x[i] * y[i];
        }

        return sum;
    }

    // Shared with Krum in Aggregates: every robust rule that ranks by distance uses the same pairwise table.
    internal static double[,] PairwiseSquaredDistances(IReadOnlyList<float[]> updates)
    {
        var n = updates.Count;
        var distances = new double[n, n];
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                pairs.Add((i, j));
            }
        }

        Parallel.ForEach(pairs, pair =>
        {
            var d = VectorMath.SquaredDistance(updates[pair.I], updates[pair.J]);
            distances[pair.I, pair.J] = d;
            distances[pair.J, pair.I] = d;
        });
        return distances;
    }

    private static int Check(IReadOnlyList<float[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new ArgumentException("at least 1 update needed, got 0", nameof(updates));
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
