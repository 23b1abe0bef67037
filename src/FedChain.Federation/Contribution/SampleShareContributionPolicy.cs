using System.Diagnostics;

namespace FedChain.Federation.Contribution;

/// <summary>
/// The baseline: score_k = n_k / sum_j n_j, the contributor's share of the round's reported samples. Needs no
/// evaluator; easy to game (sample counts are self-reported), kept for comparison.
/// </summary>
public sealed class SampleShareContributionPolicy : IContributionPolicy
{
    /// <inheritdoc />
    public string Name => ContributionPolicySpec.Samples;

    /// <inheritdoc />
    public ContributionPolicySpec Spec { get; } = new(ContributionPolicySpec.Samples);

    /// <inheritdoc />
    public ContributionScores Score(ContributionRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var clock = Stopwatch.StartNew();
        long total = 0;
        foreach (var u in round.Updates)
        {
            total = checked(total + u.NumSamples);
        }

        var scores = new ContributorScore[round.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            var u = round.Updates[k];
            var share = (double)u.NumSamples / total;
            scores[k] = new ContributorScore(u.ContributorId, u.NumSamples, share, share);
        }

        return new ContributionScores(
            round.Round, Spec.ToCanonicalString(), Name, "none", scores, null, null, 0,
            new ContributionCost(0, 0, 0, clock.Elapsed, TimeSpan.Zero));
    }
}
