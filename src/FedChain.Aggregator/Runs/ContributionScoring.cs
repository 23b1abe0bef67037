using System.Globalization;
using System.Numerics;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;

namespace FedChain.Aggregator.Runs;

/// <summary>Scores a closed round's contributors with the run's policy and splits its reward pool.</summary>
internal static class ContributionScoring
{
    public static IReadOnlyList<ScoredContribution> Score(ActiveRun run, OpenRound round, IReadOnlyList<AcceptedUpdate> updates, ContentStore blobs, ServerEvaluation evaluation)
    {
        var pool = BigInteger.Parse(run.Configuration.RewardPerRound, CultureInfo.InvariantCulture);
        var total = updates.Sum(u => u.NumSamples);
        var scores = updates.Select(u => total > 0 ? (double)u.NumSamples / total : 0).ToArray();
        var ppm = LargestRemainder(scores, 1_000_000);
        var rewards = LargestRemainder(scores, pool);
        return updates.Select((u, i) => new ScoredContribution(u.WorkerId, u.Address, u.UpdateHash, u.NumSamples, scores[i], (uint)ppm[i],
            rewards[i].ToString(CultureInfo.InvariantCulture), "0x" + Convert.ToHexStringLower(u.Signature))).ToArray();
    }

    private static BigInteger[] LargestRemainder(double[] shares, BigInteger total)
    {
        var result = new BigInteger[shares.Length];
        var sum = shares.Sum();
        if (sum <= 0 || total.IsZero)
        {
            return result;
        }

        const long Scale = 1L << 40;
        var weights = shares.Select(s => new BigInteger(Math.Round(s / sum * Scale))).ToArray();
        var weightSum = weights.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var remainders = new (BigInteger Remainder, int Index)[shares.Length];
        var given = BigInteger.Zero;
        for (var i = 0; i < shares.Length; i++)
        {
            result[i] = BigInteger.DivRem(total * weights[i], weightSum, out var remainder);
            remainders[i] = (remainder, i);
            given += result[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            result[index] += 1;
        }

        return result;
    }
}
