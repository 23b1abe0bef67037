namespace FedChain.Federation.Attacks;

/// <summary>
/// Coordinate-wise mean and standard deviation of a set of updates: what colluding attackers share
/// (ALIE and IPM assume the attackers know the honest updates' moments). The standard deviation is
/// the sample one (divisor n - 1, as torch.std and ByzFL use; 0 for a single update).
/// </summary>
/// <param name="Count">How many updates the moments are over.</param>
/// <param name="Mean">Per-coordinate mean.</param>
/// <param name="StandardDeviation">Per-coordinate sample standard deviation.</param>
public sealed record UpdateStatistics(int Count, float[] Mean, float[] StandardDeviation)
{
    /// <summary>The moments of <paramref name="updates"/>, accumulated in float64 in the given order.</summary>
    public static UpdateStatistics Of(IReadOnlyList<ReadOnlyMemory<float>> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            throw new ArgumentException("the statistics of no updates are undefined: at least one honest update is needed", nameof(updates));
        }

        var length = updates[0].Length;
        for (var k = 1; k < updates.Count; k++)
        {
            if (updates[k].Length != length)
            {
                throw new ArgumentException($"update #{k} has {updates[k].Length} values, update #0 has {length}", nameof(updates));
            }
        }

        var mean = new float[length];
        var std = new float[length];
        var n = updates.Count;
        var spans = updates.ToArray();
        for (var i = 0; i < length; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < n; k++)
            {
                sum += spans[k].Span[i];
            }

            var m = sum / n;
            var squares = 0.0;
            for (var k = 0; k < n; k++)
            {
                var d = spans[k].Span[i] - m;
                squares += d * d;
            }

            mean[i] = (float)m;
            std[i] = n > 1 ? (float)Math.Sqrt(squares / (n - 1)) : 0f;
        }

        return new UpdateStatistics(n, mean, std);
    }
}
