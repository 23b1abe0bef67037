namespace FedChain.Federation.Contribution;

/// <summary>How the Shapley policy computes values.</summary>
public enum ShapleyMode
{
    /// <summary>Exact when the round has at most ExactMaxContributors contributors, Monte-Carlo above.</summary>
    Auto,

    /// <summary>Always exact (2^n coalition utilities); limited to <see cref="ContributionPolicySpec.ExactHardLimit"/> contributors.</summary>
    Exact,

    /// <summary>Always Monte-Carlo permutation sampling with truncation.</summary>
    MonteCarlo,
}
