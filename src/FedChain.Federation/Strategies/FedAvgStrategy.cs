namespace FedChain.Federation.Strategies;

/// <summary>
/// FedAvg (McMahan et al. 2017, corrected Algorithm 1): the new model is the global model plus the
/// mean of the updates weighted by n_k / sum of n_k over the clients that reported; streaming.
/// </summary>
public sealed class FedAvgStrategy(StrategyOptions options) : StreamingStrategy(options)
{
    /// <inheritdoc />
    public override string Name => "fedavg";
}
