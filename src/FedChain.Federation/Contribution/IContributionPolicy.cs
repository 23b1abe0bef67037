namespace FedChain.Federation.Contribution;

/// <summary>Turns a round's accepted results into per-contributor scores; chosen per run and recorded in its spec.</summary>
public interface IContributionPolicy
{
    /// <summary>Short name recorded in the run's spec, e.g. "samples".</summary>
    string Name { get; }

    /// <summary>Scores every contributor of the round, in the input's order. Deterministic.</summary>
    IReadOnlyList<ContributionScore> Score(ContributionInput input);
}
