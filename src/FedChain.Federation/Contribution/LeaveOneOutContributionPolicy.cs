namespace FedChain.Federation.Contribution;

/// <summary>
/// Leave-one-out: score_k = U(N) - U(N \ {k}), the drop in validation utility when k's update is left out of the
/// round's aggregate (U(empty) = U(w0) when k is alone). Costs n + 1 evaluations.
/// </summary>
public sealed class LeaveOneOutContributionPolicy : IContributionPolicy
{
    /// <inheritdoc />
    public string Name => ContributionPolicySpec.LeaveOneOut;

    /// <inheritdoc />
    public ContributionPolicySpec Spec { get; } = new(ContributionPolicySpec.LeaveOneOut);

    /// <inheritdoc />
    public ContributionScores Score(ContributionRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var game = new CoalitionGame(round, Name, cancellationToken);
        var n = round.Count;
        var scores = new ContributorScore[n];
        double? full = null;
        if (n > 0)
        {
            var members = new int[n];
            for (var i = 0; i < n; i++)
            {
                members[i] = i;
            }

            full = game.UtilityOf(members);
            var without = new int[n - 1];
            for (var k = 0; k < n; k++)
            {
                for (int i = 0, j = 0; i < n; i++)
                {
                    if (i != k)
                    {
                        without[j++] = i;
                    }
                }

                var raw = full.Value - game.UtilityOf(without);
                var u = round.Updates[k];
                scores[k] = new ContributorScore(u.ContributorId, u.NumSamples, raw, Math.Max(raw, 0.0));
            }
        }

        double? empty = game.HasEmptyUtility ? game.EmptyUtility() : null;
        return new ContributionScores(round.Round, Spec.ToCanonicalString(), Name, round.Aggregator.Name, scores, empty, full, 0, game.Cost());
    }
}
