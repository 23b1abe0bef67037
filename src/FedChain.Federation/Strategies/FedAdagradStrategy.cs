using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>FedAdagrad (Reddi et al. 2021): FedAvg pseudo-gradient, Adagrad server step.</summary>
public sealed class FedAdagradStrategy(StrategyOptions options, FedOptOptions fedOpt) : FedOptStrategy(options, fedOpt)
{
    /// <inheritdoc />
    public override string Name => "fedadagrad";

    /// <inheritdoc />
    public override ServerOptimizer Optimizer => ServerOptimizer.Adagrad;
}
