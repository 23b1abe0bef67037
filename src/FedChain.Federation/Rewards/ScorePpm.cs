using FedChain.Federation.Contribution;

namespace FedChain.Federation.Rewards;

/// <summary>
/// Normalised payable scores in parts per million, as the ledger records them: largest-remainder split of
/// 1,000,000 in proportion to the payable scores, so they sum to exactly 1,000,000 when any score is positive
/// and are all 0 otherwise.
/// </summary>
public static class ScorePpm
{
    /// <summary>The whole: 1,000,000 parts.</summary>
    public const uint Whole = 1_000_000;

    /// <summary>Per-contributor ppm of the payable scores, in the scores' (canonical) order.</summary>
    public static uint[] Compute(ContributionScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ids = scores.Scores.Select(s => s.ContributorId).ToArray();
        var payable = scores.Scores.Select(s => s.Payable).ToArray();
        return Compute(payable, ids);
    }

    /// <summary>Per-contributor ppm of finite, non-negative payable scores.</summary>
    public static uint[] Compute(IReadOnlyList<double> payable, IReadOnlyList<string> ids)
    {
        var parts = LargestRemainder.Split(Whole, payable, ids);
        var ppm = new uint[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            ppm[k] = (uint)parts[k];
        }

        return ppm;
    }
}
