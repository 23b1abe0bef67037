using FedChain.Learning.Data;

namespace FedChain.Learning;

/// <summary>
/// A trainable classifier seen as one flat float32 parameter vector. This is the seam a TorchSharp
/// backend would implement: everything above it (trainer, evaluator, federation) only moves vectors
/// and asks for losses, gradients and probabilities over rows of a <see cref="Dataset"/>.
/// An instance keeps per-batch workspaces and is not thread-safe; use one per thread.
/// </summary>
public interface IModel
{
    /// <summary>The architecture name, e.g. "mlp", "cnn", "logreg".</summary>
    string Architecture { get; }

    /// <summary>Names, shapes and offsets of the tensors in <see cref="Parameters"/>.</summary>
    ParameterLayout Layout { get; }

    /// <summary>Shape of one input sample, e.g. [1, 28, 28].</summary>
    IReadOnlyList<int> InputShape { get; }

    /// <summary>Values per input sample; datasets must have this feature count.</summary>
    int InputSize { get; }

    /// <summary>Number of classes; labels must be in [0, NumClasses).</summary>
    int NumClasses { get; }

    /// <summary>The live parameter vector (Layout.TotalLength values); writes change the model.</summary>
    Span<float> Parameters { get; }

    /// <summary>Gradient of the mean batch loss from the last <see cref="ComputeLossAndGradients"/> call.</summary>
    Span<float> Gradients { get; }

    /// <summary>Runs forward and backward on the given rows of <paramref name="data"/> as one batch; returns the mean loss.</summary>
    float ComputeLossAndGradients(Dataset data, ReadOnlySpan<int> rows);

    /// <summary>Writes class probabilities [rows.Length, NumClasses] for the given rows; returns the mean loss.</summary>
    float Predict(Dataset data, ReadOnlySpan<int> rows, Span<float> probabilities);
}
