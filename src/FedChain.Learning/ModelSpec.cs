namespace FedChain.Learning;

/// <summary>What model to build: an architecture name plus the sizes it needs.</summary>
/// <param name="Architecture">"logreg", "mlp" or "cnn".</param>
/// <param name="InputShape">Shape of one sample, e.g. [1, 28, 28] for MNIST or [30] for a table.</param>
/// <param name="Classes">Number of classes; 2 gives one sigmoid output trained with binary cross-entropy.</param>
/// <param name="HiddenLayers">Hidden widths of an "mlp" (ReLU after each); ignored by the others.</param>
public sealed record ModelSpec(string Architecture, IReadOnlyList<int> InputShape, int Classes, IReadOnlyList<int>? HiddenLayers = null)
{
    /// <summary>The FedAvg paper's MNIST "2NN": 784-200-200-10 with ReLU (199,210 parameters).</summary>
    public static ModelSpec MnistMlp { get; } = new("mlp", [1, 28, 28], 10, [200, 200]);

    /// <summary>The FedAvg paper's MNIST CNN (1,663,370 parameters).</summary>
    public static ModelSpec MnistCnn { get; } = new("cnn", [1, 28, 28], 10);

    /// <summary>Multinomial logistic regression on MNIST pixels (7,850 parameters).</summary>
    public static ModelSpec MnistLogReg { get; } = new("logreg", [1, 28, 28], 10);
}
