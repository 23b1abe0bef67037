namespace FedChain.Learning.Optimizers;

/// <summary>Updates a parameter vector in place from its gradient; keeps its own state (momentum, moments).</summary>
public interface IOptimizer
{
    /// <summary>One update step.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
}
