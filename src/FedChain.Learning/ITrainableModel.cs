using FedChain.Learning.Data;
using FedChain.Learning.Metrics;

namespace FedChain.Learning;

/// <summary>
/// A model as an engine holds it. Parameters go in and come out as flat float32 vectors in
/// <see cref="Layout"/>'s order; epochs, batches, optimizer state and the FedProx term live inside
/// <see cref="Train"/>. An instance is not thread-safe; use one per thread.
/// </summary>
public interface ITrainableModel : IDisposable
{
    /// <summary>The engine that runs this model, e.g. "torch" or "native".</summary>
    string Engine { get; }

    /// <summary>The architecture name, e.g. "mlp", "cnn", "logreg", or "torchscript".</summary>
    string Architecture { get; }

    /// <summary>Names, shapes, element types and offsets of the tensors in an exchanged vector.</summary>
    ParameterLayout Layout { get; }

    /// <summary>Shape of one input sample, e.g. [1, 28, 28].</summary>
    IReadOnlyList<int> InputShape { get; }

    /// <summary>Values per input sample; datasets must have this feature count.</summary>
    int InputSize { get; }

    /// <summary>Number of classes; labels must be in [0, NumClasses).</summary>
    int NumClasses { get; }

    /// <summary>A copy of the vector the model was created with (seeded built-in, or a TorchScript file's values).</summary>
    float[] InitialParameters();

    /// <summary>Trains from <paramref name="parameters"/> with <paramref name="plan"/> on <paramref name="data"/>; returns the new vector and per-epoch losses.</summary>
    TrainingOutcome Train(ReadOnlySpan<float> parameters, Dataset data, TrainingPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Loss, accuracy, per-class counts and (binary) ROC AUC of <paramref name="parameters"/> on every sample of <paramref name="data"/>.</summary>
    EvaluationResult Evaluate(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100);

    /// <summary>Class probabilities of every sample, row-major [data.Count, NumClasses].</summary>
    float[] Predict(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100);
}
