using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FedChain.Learning.Torch.Models;

/// <summary>
/// The built-in architectures as torch modules, each submodule named as the native layers are, so that
/// parameter names, shapes ([out, in] for Linear, [out, in, k, k] for Conv2d, both engines as PyTorch) and
/// order are the native engine's layout exactly.
/// </summary>
internal static class BuiltInModules
{
    public static Module<Tensor, Tensor> Create(ModelSpec spec)
    {
        var inputs = spec.InputShape.Aggregate(1, (a, d) => checked(a * d));

        // Two classes: one sigmoid logit, as the native engine's binary cross-entropy.
        var outputs = spec.Classes == 2 ? 1 : spec.Classes;
        var layers = spec.Architecture switch
        {
            "logreg" => [("flatten", Flatten()), ("linear", Linear(inputs, outputs))],
            "mlp" => Mlp(inputs, spec.HiddenLayers ?? [200, 200], outputs),
            "cnn" => Cnn(spec.InputShape, outputs),
            _ => throw new ArgumentException($"unknown model '{spec.Architecture}', expected one of {string.Join(", ", ModelFactory.Names)}", nameof(spec)),
        };
        return Sequential(layers);
    }

    private static List<(string, Module<Tensor, Tensor>)> Mlp(int inputs, IReadOnlyList<int> hidden, int outputs)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        var width = inputs;
        for (var h = 0; h < hidden.Count; h++)
        {
            layers.Add(($"fc{h + 1}", Linear(width, hidden[h])));
            layers.Add(($"relu{h + 1}", ReLU()));
            width = hidden[h];
        }

        layers.Add(($"fc{hidden.Count + 1}", Linear(width, outputs)));
        return layers;
    }

    // McMahan et al. 2017, as ModelFactory builds it natively.
    private static List<(string, Module<Tensor, Tensor>)> Cnn(IReadOnlyList<int> shape, int outputs)
    {
        int c = shape[0], h = shape[1], w = shape[2];
        return
        [
            ("conv1", Conv2d(c, 32, 5, padding: 2)),
            ("relu1", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(32, 64, 5, padding: 2)),
            ("relu2", ReLU()),
            ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()),
            ("fc1", Linear(64 * (h / 4) * (w / 4), 512)),
            ("relu3", ReLU()),
            ("fc2", Linear(512, outputs)),
        ];
    }
}
