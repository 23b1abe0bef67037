using System.Numerics;

namespace FedChain.Federation.Rewards;

/// <summary>
/// Splits an integer total in proportion to non-negative weights so the parts add up to the total exactly:
/// each part is floor(total * w_k / W), and the units left over go one each to the largest remainders, ties
/// broken by ordinal contributor id. Scores (doubles) are converted to exact integers first, so the split is
/// exact rational arithmetic with no rounding anywhere.
/// </summary>
public static class LargestRemainder
{
    /// <summary>Splits <paramref name="total"/> by integer weights; all parts are zero when every weight is zero.</summary>
    public static BigInteger[] Split(BigInteger total, IReadOnlyList<BigInteger> weights, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(ids);
        if (total.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "the amount to split must be >= 0");
        }

        if (weights.Count != ids.Count)
        {
            throw new ArgumentException($"{weights.Count} weights but {ids.Count} ids");
        }

        var sum = BigInteger.Zero;
        for (var k = 0; k < weights.Count; k++)
        {
            if (weights[k].Sign < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[k], $"weight #{k} ('{ids[k]}') is negative");
            }

            sum += weights[k];
        }

        var parts = new BigInteger[weights.Count];
        if (sum.IsZero || total.IsZero)
        {
            return parts;
        }

        var remainders = new BigInteger[weights.Count];
        var assigned = BigInteger.Zero;
        for (var k = 0; k < weights.Count; k++)
        {
            parts[k] = BigInteger.DivRem(total * weights[k], sum, out remainders[k]);
            assigned += parts[k];
        }

        // The leftover is sum(remainders) / sum < count of non-zero remainders, so every extra unit finds a taker.
        var leftover = (int)(total - assigned);
        if (leftover > 0)
        {
            var order = Enumerable.Range(0, weights.Count).ToArray();
            Array.Sort(order, (a, b) =>
            {
                var byRemainder = remainders[b].CompareTo(remainders[a]);
                return byRemainder != 0 ? byRemainder : string.CompareOrdinal(ids[a], ids[b]);
            });
            for (var i = 0; i < leftover; i++)
            {
                parts[order[i]] += 1;
            }
        }

        return parts;
    }

    /// <summary>Splits <paramref name="total"/> in proportion to finite, non-negative double scores, exactly.</summary>
    public static BigInteger[] Split(BigInteger total, IReadOnlyList<double> scores, IReadOnlyList<string> ids) =>
        Split(total, ExactWeights(scores, ids), ids);

    /// <summary>
    /// Integers proportional to the scores with no rounding: each double is m * 2^e exactly, so scaling all of them
    /// by 2^-(smallest e) gives integers in the same ratios.
    /// </summary>
    public static BigInteger[] ExactWeights(IReadOnlyList<double> scores, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(ids);
        if (scores.Count != ids.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {ids.Count} ids");
        }

        var mantissas = new long[scores.Count];
        var exponents = new int[scores.Count];
        var minExponent = int.MaxValue;
        for (var k = 0; k < scores.Count; k++)
        {
            var x = scores[k];
            if (!double.IsFinite(x) || x < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(scores), x, $"score #{k} ('{ids[k]}') must be finite and >= 0");
            }

            if (x == 0)
            {
                continue;
            }

            var bits = BitConverter.DoubleToInt64Bits(x);
            var biased = (int)((bits >> 52) & 0x7FF);
            var fraction = bits & ((1L << 52) - 1);
            (mantissas[k], exponents[k]) = biased == 0 ? (fraction, -1074) : (fraction | (1L << 52), biased - 1075);
            minExponent = Math.Min(minExponent, exponents[k]);
        }

        var weights = new BigInteger[scores.Count];
        for (var k = 0; k < scores.Count; k++)
        {
            weights[k] = mantissas[k] == 0 ? BigInteger.Zero : new BigInteger(mantissas[k]) << (exponents[k] - minExponent);
        }

        return weights;
    }
}
