using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>FedAdam (Reddi et al. 2021): FedAvg pseudo-gradient, Adam server step.</summary>
public sealed class FedAdamStrategy(StrategyOptions options, FedOptOptions fedOpt) : FedOptStrategy(options, fedOpt)
{
    /// <inheritdoc />
    public override string Name => "fedadam";

    /// <inheritdoc />
    public override ServerOptimizer Optimizer => ServerOptimizer.Adam;
}
