using FedChain.Learning.Layers;
using FedChain.Learning.Models;

namespace FedChain.Learning;

/// <summary>
/// Builds models by name with a stable seeded initialisation (PyTorch's default uniform fan-in bounds),
/// so every party that knows (spec, seed) starts from the same vector.
/// </summary>
public static class ModelFactory
{
    /// <summary>The architecture names <see cref="Create(string, ulong)"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["logreg", "mlp", "cnn"];

    /// <summary>Creates an MNIST model by name: "mlp" (2NN), "cnn" or "logreg".</summary>
    public static IModel Create(string name, ulong seed = 0) => Create(SpecOf(name), seed);

    /// <summary>The MNIST spec of a built-in name: "mlp" (2NN), "cnn" or "logreg".</summary>
    public static ModelSpec SpecOf(string name) => name switch
    {
        "mlp" => ModelSpec.MnistMlp,
        "cnn" => ModelSpec.MnistCnn,
        "logreg" => ModelSpec.MnistLogReg,
        _ => throw new ArgumentException($"unknown model '{name}', expected one of {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>Creates a model from a spec (any input shape and class count).</summary>
    public static IModel Create(ModelSpec spec, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Classes < 2)
        {
            throw new ArgumentException($"model '{spec.Architecture}' needs at least 2 classes, got {spec.Classes}", nameof(spec));
        }

        if (spec.InputShape.Count == 0 || spec.InputShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"model '{spec.Architecture}': input shape [{string.Join(", ", spec.InputShape)}] must have positive dimensions", nameof(spec));
        }

        ILoss loss = spec.Classes == 2 ? new BinaryCrossEntropy() : new SoftmaxCrossEntropy();
        var outputs = loss.OutputsPerSample(spec.Classes);
        var inputs = spec.InputShape.Aggregate(1, (a, d) => checked(a * d));
        Layer[] layers = spec.Architecture switch
        {
            "logreg" => [new Dense("linear", inputs, outputs)],
            "mlp" => Mlp(inputs, spec.HiddenLayers ?? [200, 200], outputs),
            "cnn" => Cnn(spec.InputShape, outputs),
            _ => throw new ArgumentException($"unknown model '{spec.Architecture}', expected one of {string.Join(", ", Names)}", nameof(spec)),
        };
        return new SequentialModel(spec.Architecture, spec.InputShape, spec.Classes, layers, loss, seed);
    }

    private static Layer[] Mlp(int inputs, IReadOnlyList<int> hidden, int outputs)
    {
        var layers = new List<Layer>();
        var width = inputs;
        for (var h = 0; h < hidden.Count; h++)
        {
            if (hidden[h] <= 0)
            {
                throw new ArgumentException($"mlp hidden layer {h} has width {hidden[h]}, expected a positive number");
            }

            layers.Add(new Dense($"fc{h + 1}", width, hidden[h]));
            layers.Add(new Relu($"relu{h + 1}", hidden[h]));
            width = hidden[h];
        }

        layers.Add(new Dense($"fc{hidden.Count + 1}", width, outputs));
        return [.. layers];
    }

    // McMahan et al. 2017: conv5x5(32, same) → ReLU → pool2 → conv5x5(64, same) → ReLU → pool2 → FC512 → ReLU → FC.
    private static Layer[] Cnn(IReadOnlyList<int> shape, int outputs)
    {
        if (shape.Count != 3 || shape[1] % 4 != 0 || shape[2] % 4 != 0)
        {
            throw new ArgumentException($"cnn needs an input shape [channels, height, width] with height and width divisible by 4, got [{string.Join(", ", shape)}]");
        }

        int c = shape[0], h = shape[1], w = shape[2];
        var flat = 64 * (h / 4) * (w / 4);
        return
        [
            new Conv2d("conv1", c, 32, 5, h, w, 2),
            new Relu("relu1", 32 * h * w),
            new MaxPool2d("pool1", 32, h, w, 2),
            new Conv2d("conv2", 32, 64, 5, h / 2, w / 2, 2),
            new Relu("relu2", 64 * (h / 2) * (w / 2)),
            new MaxPool2d("pool2", 64, h / 2, w / 2, 2),
            new Flatten("flatten", flat),
            new Dense("fc1", flat, 512),
            new Relu("relu3", 512),
            new Dense("fc2", 512, outputs),
        ];
    }
}
