namespace FedChain.Federation.Contribution;

/// <summary>The baseline: a contributor's score is its share of the round's samples, n_k / sum n.</summary>
public sealed class SampleShareContributionPolicy : IContributionPolicy
{
    /// <inheritdoc />
    public string Name => "samples";

    /// <inheritdoc />
    public IReadOnlyList<ContributionScore> Score(ContributionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var total = input.Contributions.Sum(c => (double)c.NumSamples);
        return input.Contributions
            .Select(c => new ContributionScore(c.ClientId, total > 0 ? c.NumSamples / total : 0))
            .ToArray();
    }
}
