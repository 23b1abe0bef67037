namespace FedChain.Federation.Strategies;

/// <summary>
/// FedProx (Li et al. 2020): workers add (mu/2)||w - w_global||^2 to their loss; the server side is
/// FedAvg. The plan carries mu.
/// </summary>
public sealed class FedProxStrategy : StreamingStrategy
{
    /// <summary>Creates FedProx with proximal term <paramref name="mu"/> (> 0).</summary>
    public FedProxStrategy(StrategyOptions options, double mu)
        : base(options)
    {
        if (!(mu > 0) || !double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "FedProx mu must be positive and finite");
        }

        Mu = mu;
    }

    /// <summary>The proximal coefficient.</summary>
    public double Mu { get; }

    /// <inheritdoc />
    public override string Name => "fedprox";

    /// <inheritdoc />
    protected override RoundPlan PlanFor(long round) => Options.Plan with { ProximalMu = Mu };
}
