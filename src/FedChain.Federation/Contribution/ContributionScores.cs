namespace FedChain.Federation.Contribution;

/// <summary>
/// The outcome of scoring one round: per-contributor scores in canonical (ordinal id) order, the canonical spec
/// of the policy that produced them, the method that ran ("samples", "loo", "shapley-exact", "shapley-mc"), the
/// coalition aggregator's name ("fedavg"; "none" for samples), the utilities of the base model and of the full coalition when the policy
/// evaluated them, the permutations walked (Monte-Carlo Shapley only) and the cost.
/// </summary>
public sealed record ContributionScores(
    long Round,
    string Policy,
    string Method,
    string Aggregator,
    IReadOnlyList<ContributorScore> Scores,
    double? BaseUtility,
    double? FullUtility,
    int Permutations,
    ContributionCost Cost)
{
    /// <summary>The sum of the payable scores, added in canonical order.</summary>
    public double TotalPayable
    {
        get
        {
            var sum = 0.0;
            foreach (var s in Scores)
            {
                sum += s.Payable;
            }

            return sum;
        }
    }
}
