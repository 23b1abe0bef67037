namespace FedChain.Federation.Contribution;

/// <summary>Contribution scoring settings as configured (section "Contribution").</summary>
public sealed class ContributionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Contribution";

    /// <summary>Policy string: samples, loo, shapley, shapley:exact, shapley:mc[:PERMS[:TRUNCATION]] or a canonical form.</summary>
    public string Policy { get; set; } = ContributionPolicySpec.Samples;

    /// <summary>Seed for Monte-Carlo sampling (the run's seed unless the policy string names one).</summary>
    public ulong Seed { get; set; }

    /// <summary>The spec these options describe; errors name the configuration key.</summary>
    public ContributionPolicySpec ToSpec()
    {
        try
        {
            return ContributionPolicySpec.Parse(Policy ?? string.Empty, Seed);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{SectionName}:{nameof(Policy)}: {e.Message}", e);
        }
    }
}
