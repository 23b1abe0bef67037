namespace FedChain.Learning;

/// <summary>
/// A training engine: builds models that own their local training and evaluation. Everything above
/// this seam (workers, aggregator, simulation) only exchanges flat parameter vectors at round boundaries.
/// </summary>
public interface ILearningEngine
{
    /// <summary>The engine's name as a run names it: "torch" or "native".</summary>
    string Name { get; }

    /// <summary>Builds a built-in architecture; its initial vector is the seeded one of <see cref="ModelFactory"/> in every engine.</summary>
    ITrainableModel Create(ModelSpec spec, ulong seed = 0);
}
