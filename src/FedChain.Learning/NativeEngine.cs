using FedChain.Learning.Models;

namespace FedChain.Learning;

/// <summary>
/// The hand-written C# kernels (<see cref="ModelFactory"/>, <see cref="LocalTrainer"/>, <see cref="Evaluator"/>)
/// behind the engine seam: the bit-reproducible path for the built-in architectures.
/// </summary>
public sealed class NativeEngine : ILearningEngine
{
    /// <summary>The name a run gives this engine.</summary>
    public const string EngineName = "native";

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public ITrainableModel Create(ModelSpec spec, ulong seed = 0) => new NativeTrainableModel(ModelFactory.Create(spec, seed));
}
