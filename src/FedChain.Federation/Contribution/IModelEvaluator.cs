namespace FedChain.Federation.Contribution;

/// <summary>
/// Scores a candidate model (a flat parameter vector) on the aggregator's held-out validation set;
/// higher is better (e.g. accuracy, or negative loss). Must be deterministic: the same vector gives the same bits.
/// </summary>
public interface IModelEvaluator
{
    /// <summary>The utility of the model whose parameters are <paramref name="parameters"/>.</summary>
    double Utility(ReadOnlySpan<float> parameters);
}
