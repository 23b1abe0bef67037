namespace FedChain.Federation.Contribution;

/// <summary>Measures each contributor's contribution to one round.</summary>
public interface IContributionPolicy
{
    /// <summary>The policy's short name: "samples", "loo" or "shapley".</summary>
    string Name { get; }

    /// <summary>The policy with all its parameters and seed; its canonical string goes into the run's spec hash.</summary>
    ContributionPolicySpec Spec { get; }

    /// <summary>
    /// Scores the round's contributors; deterministic for a given round, evaluator and spec. Cancellation is
    /// checked before every utility evaluation.
    /// </summary>
    ContributionScores Score(ContributionRound round, CancellationToken cancellationToken = default);
}
