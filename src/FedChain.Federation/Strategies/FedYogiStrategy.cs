using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>FedYogi (Reddi et al. 2021): FedAvg pseudo-gradient, Yogi server step.</summary>
public sealed class FedYogiStrategy(StrategyOptions options, FedOptOptions fedOpt) : FedOptStrategy(options, fedOpt)
{
    /// <inheritdoc />
    public override string Name => "fedyogi";

    /// <inheritdoc />
    public override ServerOptimizer Optimizer => ServerOptimizer.Yogi;
}
