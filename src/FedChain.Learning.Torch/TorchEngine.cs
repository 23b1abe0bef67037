using FedChain.Learning.Torch.Models;

namespace FedChain.Learning.Torch;

/// <summary>
/// The TorchSharp (LibTorch CPU) engine: the built-in architectures as torch modules with exactly the native
/// engine's vector layout and initial values, and TorchScript models from PyTorch (<see cref="LoadTorchScript"/>).
/// </summary>
public sealed class TorchEngine : ILearningEngine
{
    /// <summary>The name a run gives this engine.</summary>
    public const string EngineName = "torch";

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public ITrainableModel Create(ModelSpec spec, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);

        // The native factory validates the spec and gives the seeded initial vector both engines start from.
        var native = ModelFactory.Create(spec, seed);
        return new TorchModel(spec.Architecture, spec.InputShape, spec.Classes, BuiltInModules.Create(spec), native.Parameters.ToArray(), native.Layout);
    }

    /// <summary>
    /// Loads a TorchScript file written by PyTorch's <c>torch.jit.script(model).save(path)</c>, after checking its
    /// SHA-256 against <paramref name="expectedSha256"/> (64 hex digits, optional "0x"). The module maps a batch
    /// [batch, ..inputShape] to logits [batch, classes] (or [batch, 1] for two classes, read as a sigmoid logit).
    /// </summary>
    public static ITrainableModel LoadTorchScript(string path, string expectedSha256, IReadOnlyList<int> inputShape, int classes, BufferSharing buffers = BufferSharing.Averaged) =>
        TorchScriptLoader.Load(path, expectedSha256, inputShape, classes, buffers);

    /// <summary>Writes <paramref name="parameters"/> into a model loaded by <see cref="LoadTorchScript"/> and saves it with <c>torch.jit.save</c>, for PyTorch's <c>torch.jit.load</c>.</summary>
    public static void SaveTorchScript(ITrainableModel model, ReadOnlySpan<float> parameters, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (model is not TorchModel torch)
        {
            throw new ArgumentException($"model '{model.Architecture}' runs on the {model.Engine} engine; only TorchScript models of the torch engine save as TorchScript", nameof(model));
        }

        torch.SaveTorchScript(parameters, path);
    }
}
