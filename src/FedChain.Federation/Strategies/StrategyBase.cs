using FedChain.Federation.Rounds;

namespace FedChain.Federation.Strategies;

/// <summary>What all strategies share: options, client sampling and the plan.</summary>
public abstract class StrategyBase : IStrategy
{
    /// <summary>Validates and keeps the options.</summary>
    protected StrategyBase(StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The shared options.</summary>
    public StrategyOptions Options { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract bool RequiresAllUpdates { get; }

    /// <inheritdoc />
    public virtual int MinimumResults => 1;

    /// <inheritdoc />
    public virtual FitConfiguration ConfigureFit(long round, IEnumerable<string> availableClients) =>
        new(round, ClientSampler.Sample(availableClients, round, Options.Sampling), PlanFor(round));

    /// <inheritdoc />
    public abstract IRoundAggregation BeginAggregate(long round, ReadOnlySpan<float> globalModel);

    /// <summary>The plan for a round; strategies add their own fields (mu, DP parameters).</summary>
    protected virtual RoundPlan PlanFor(long round) => Options.Plan;

    /// <summary>The metrics every outcome carries.</summary>
    protected static Dictionary<string, double> BaseMetrics(IReadOnlyList<ClientContribution> contributions, IReadOnlyList<ClientFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(failures);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["results"] = contributions.Count,
            ["failures"] = failures.Count,
            ["total_samples"] = contributions.Sum(c => (double)c.NumSamples),
        };
    }
}
