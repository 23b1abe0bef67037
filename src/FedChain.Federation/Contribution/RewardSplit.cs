using System.Numerics;

namespace FedChain.Federation.Contribution;

/// <summary>
/// Splits an integer token pool in proportion to scores, exactly: scores are turned into exact
/// integers (a double is m * 2^e), each contributor gets floor(pool * w_k / sum w), and the units
/// left over go one each to the largest remainders (ties by client id, ordinal). Negative scores
/// and scores below the minimum are paid nothing. The amounts add up to the pool whenever someone is
/// paid, and to zero when nobody qualifies.
/// </summary>
public static class RewardSplit
{
    /// <summary>The integer amounts, one per score, in the input order.</summary>
    public static IReadOnlyList<BigInteger> Split(BigInteger pool, IReadOnlyList<ContributionScore> scores, double minimumScore = 0)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (pool.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool, "the reward pool cannot be negative");
        }

        foreach (var s in scores)
        {
            if (!double.IsFinite(s.Score))
            {
                throw new ArgumentException($"score of '{s.ClientId}' is {s.Score}: scores must be finite", nameof(scores));
            }
        }

        var eligible = scores.Select(s => s.Score > 0 && s.Score >= minimumScore ? s.Score : 0).ToArray();
        var weights = ExactIntegers(eligible);
        var total = weights.Aggregate(BigInteger.Zero, (a, w) => a + w);
        var amounts = new BigInteger[scores.Count];
        if (total.IsZero || pool.IsZero)
        {
            return amounts;
        }

        var remainders = new BigInteger[scores.Count];
        var paid = BigInteger.Zero;
        for (var k = 0; k < scores.Count; k++)
        {
            amounts[k] = BigInteger.DivRem(pool * weights[k], total, out remainders[k]);
            paid += amounts[k];
        }

        var leftover = (int)(pool - paid);
        var order = Enumerable.Range(0, scores.Count)
            .Where(k => !weights[k].IsZero)
            .OrderByDescending(k => remainders[k])
            .ThenBy(k => scores[k].ClientId, StringComparer.Ordinal)
            .ToArray();
        for (var i = 0; i < leftover; i++)
        {
            amounts[order[i]] += 1;
        }

        return amounts;
    }

    // Every finite non-negative double is m * 2^e with integer m; scaling all by 2^-min(e) keeps exact ratios.
    private static BigInteger[] ExactIntegers(double[] values)
    {
        var parts = values.Select(Decompose).ToArray();
        var minExponent = parts.Where(p => !p.Mantissa.IsZero).Select(p => p.Exponent).DefaultIfEmpty(0).Min();
        return parts.Select(p => p.Mantissa << (p.Exponent - minExponent)).ToArray();
    }

    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        if (value == 0)
        {
            return (BigInteger.Zero, 0);
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        return (new BigInteger(mantissa), exponent - 1075);
    }
}
