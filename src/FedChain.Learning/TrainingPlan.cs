namespace FedChain.Learning;

/// <summary>How to train locally for one round.</summary>
/// <param name="Epochs">Passes over the local data.</param>
/// <param name="BatchSize">Samples per step; the last batch of an epoch may be smaller.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="Momentum">SGD momentum (0 = plain SGD).</param>
/// <param name="WeightDecay">L2 weight decay.</param>
/// <param name="ProxMu">FedProx μ: adds μ/2·||w - w_start||² (w_start = the parameters when training starts); 0 = FedAvg.</param>
/// <param name="Seed">Seeds the per-epoch shuffles.</param>
/// <param name="Optimizer">"sgd" or "adam".</param>
public sealed record TrainingPlan(
    int Epochs,
    int BatchSize,
    float LearningRate,
    float Momentum = 0,
    float WeightDecay = 0,
    float ProxMu = 0,
    ulong Seed = 0,
    string Optimizer = "sgd")
{
    /// <summary>Throws naming the first field that is out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"training plan: Epochs is {Epochs}, expected >= 1");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"training plan: BatchSize is {BatchSize}, expected >= 1");
        }

        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
        {
            throw new ArgumentException($"training plan: LearningRate is {LearningRate}, expected a finite number > 0");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentException($"training plan: Momentum is {Momentum}, expected [0, 1)");
        }

        if (!(WeightDecay >= 0) || !(ProxMu >= 0))
        {
            throw new ArgumentException($"training plan: WeightDecay {WeightDecay} and ProxMu {ProxMu} must be >= 0");
        }

        if (Optimizer is not ("sgd" or "adam"))
        {
            throw new ArgumentException($"training plan: Optimizer is '{Optimizer}', expected 'sgd' or 'adam'");
        }
    }
}
