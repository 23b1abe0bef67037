using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace FedChain.Learning.Torch.Export;

/// <summary>
/// Writes a built-in architecture (logreg, mlp, cnn) with given parameters as a TorchScript archive, the zip that
/// PyTorch's <c>torch.jit.save</c> writes: the module's TorchScript source under code/, its object tree in data.pkl
/// and each tensor's raw little-endian storage under data/. TorchSharp cannot script a module, so FedChain writes
/// the archive itself; <c>torch.jit.load</c> needs no class definition, and the module's parameters carry the
/// engine's names and shapes (fc1.weight, conv1.bias, ...), so its <c>state_dict()</c> is the safetensors export's.
/// </summary>
public static class BuiltInTorchScript
{
    // TorchScript archive format 3: what PyTorch 1.x writes for modules using only these operators, read by PyTorch 2.
    private const string FormatVersion = "3\n";
    private const string Archive = "archive";
    private const string Namespace = "__torch__.fedchain";
    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes <paramref name="spec"/>'s model holding <paramref name="values"/> (laid out by <paramref name="layout"/>,
    /// the engines' layout of that spec) to <paramref name="destination"/>, which stays open. The module maps
    /// [batch, ..inputShape] to logits [batch, classes], or [batch, 1] (a sigmoid logit) for two classes.
    /// </summary>
    public static void Write(ModelSpec spec, ParameterLayout layout, ReadOnlySpan<float> values, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(destination);
        if (values.Length != layout.TotalLength)
        {
            throw new ArgumentException($"the vector has {values.Length} values, the layout {layout.TotalLength}", nameof(values));
        }

        var layers = LayersOf(spec, layout);
        var (className, forward) = Forward(spec.Architecture, layers);
        var code = Code(className, layers, forward);
        var pickle = DataPickle(className, layers);

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        for (var i = 0; i < layout.Slices.Count; i++)
        {
            var slice = layout.Slices[i];
            Entry(zip, $"data/{i}", MemoryMarshal.AsBytes(values.Slice(slice.Offset, slice.Length)));
        }

        Entry(zip, "data.pkl", pickle);
        Entry(zip, "code/__torch__/fedchain.py", Encoding.UTF8.GetBytes(code));
        var constants = new PickleWriter();
        constants.EmptyTuple();
        Entry(zip, "constants.pkl", constants.Finish());
        Entry(zip, "version", Encoding.ASCII.GetBytes(FormatVersion));
    }

    /// <summary>The layout's tensors grouped into layers ("fc1" with weight and bias), each a Linear or a Conv2d by the weight's rank.</summary>
    private static List<Layer> LayersOf(ModelSpec spec, ParameterLayout layout)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("TorchScript storages are little-endian; this machine is not");
        }

        var layers = new List<Layer>();
        for (var i = 0; i < layout.Slices.Count; i += 2)
        {
            var weight = layout.Slices[i];
            var bias = i + 1 < layout.Slices.Count ? layout.Slices[i + 1] : null;
            var name = weight.Name.EndsWith(".weight", StringComparison.Ordinal) ? weight.Name[..^".weight".Length] : null;
            if (name is null || bias?.Name != name + ".bias" || bias.Kind != ParameterKind.Parameter || weight.Kind != ParameterKind.Parameter
                || weight.Shape.Count is not (2 or 4) || bias.Shape.Count != 1 || bias.Shape[0] != weight.Shape[0])
            {
                throw new ArgumentException($"the {spec.Architecture} layout is not pairs of <layer>.weight [out, in] or [out, in, k, k] and <layer>.bias [out]: {layout.CanonicalText()}");
            }

            layers.Add(new Layer(name, weight.Shape.Count == 4 ? "Conv2d" : "Linear", i, i + 1, weight.Shape, bias.Shape));
        }

        return layers;
    }

    private static (string ClassName, string Body) Forward(string architecture, List<Layer> layers)
    {
        var body = new StringBuilder();
        foreach (var layer in layers)
        {
            body.Append($"    {layer.Name} = self.{layer.Name}\n");
        }

        void Call(string layer, string input, string output) => body.Append($"    {output} = ({layer}).forward({input}, )\n");
        switch (architecture)
        {
            case "logreg" when layers is [{ Kind: "Linear" }]:
                body.Append("    x = torch.flatten(input, 1)\n");
                body.Append($"    return ({layers[0].Name}).forward(x, )\n");
                return ("LogReg", body.ToString());
            case "mlp" when layers.Count >= 1 && layers.All(l => l.Kind == "Linear"):
                body.Append("    x = torch.flatten(input, 1)\n");
                foreach (var hidden in layers[..^1])
                {
                    Call(hidden.Name, "x", "h");
                    body.Append("    x = torch.relu(h)\n");
                }

                body.Append($"    return ({layers[^1].Name}).forward(x, )\n");
                return ("Mlp", body.ToString());
            case "cnn" when layers is [{ Kind: "Conv2d" }, { Kind: "Conv2d" }, { Kind: "Linear" }, { Kind: "Linear" }] && layers[..2].All(l => l.WeightShape[2] == 5 && l.WeightShape[3] == 5):
                // BuiltInModules' cnn: 5x5 convolutions padded by 2, each followed by ReLU and 2x2 max pooling.
                body.Append("    x = input\n");
                foreach (var convolution in layers[..2])
                {
                    Call(convolution.Name, "x", "h");
                    body.Append("    x = torch.max_pool2d(torch.relu(h), [2, 2], [2, 2], [0, 0], [1, 1], False)\n");
                }

                body.Append("    x = torch.flatten(x, 1)\n");
                Call(layers[2].Name, "x", "h");
                body.Append("    x = torch.relu(h)\n");
                body.Append($"    return ({layers[3].Name}).forward(x, )\n");
                return ("Cnn", body.ToString());
            default:
                throw new ArgumentException($"no TorchScript form for a '{architecture}' of layers {string.Join(", ", layers.Select(l => $"{l.Name} ({l.Kind})"))}");
        }
    }

    private static string Code(string className, List<Layer> layers, string forward)
    {
        var code = new StringBuilder();
        if (layers.Any(l => l.Kind == "Linear"))
        {
            code.Append(LayerClass("Linear", "torch.linear(input, weight, bias)"));
        }

        if (layers.Any(l => l.Kind == "Conv2d"))
        {
            code.Append(LayerClass("Conv2d", "torch.conv2d(input, weight, bias, [1, 1], [2, 2], [1, 1], 1)"));
        }

        code.Append($"class {className}(Module):\n");
        code.Append("  __parameters__ = []\n  __buffers__ = []\n  training : bool\n");
        foreach (var layer in layers)
        {
            code.Append($"  {layer.Name} : {Namespace}.{layer.Kind}\n");
        }

        code.Append($"  def forward(self: {Namespace}.{className},\n    input: Tensor) -> Tensor:\n");
        code.Append(forward);
        return code.ToString();
    }

    private static string LayerClass(string kind, string call) =>
        $"class {kind}(Module):\n" +
        "  __parameters__ = [\"weight\", \"bias\", ]\n  __buffers__ = []\n  weight : Tensor\n  bias : Tensor\n  training : bool\n" +
        $"  def forward(self: {Namespace}.{kind},\n    input: Tensor) -> Tensor:\n" +
        "    weight = self.weight\n    bias = self.bias\n" +
        $"    return {call}\n";

    // The object tree as torch.jit.save pickles it: each module an object of its TorchScript class built from a
    // dict of its attributes; each tensor _rebuild_tensor_v2 over a storage named by a persistent id.
    private static byte[] DataPickle(string className, List<Layer> layers)
    {
        var pickle = new PickleWriter();
        BeginObject(pickle, className);
        pickle.String("training");
        pickle.Bool(true);
        foreach (var layer in layers)
        {
            pickle.String(layer.Name);
            BeginObject(pickle, layer.Kind);
            pickle.String("weight");
            Tensor(pickle, layer.WeightStorage, layer.WeightShape);
            pickle.String("bias");
            Tensor(pickle, layer.BiasStorage, layer.BiasShape);
            pickle.String("training");
            pickle.Bool(true);
            EndObject(pickle);
        }

        EndObject(pickle);
        return pickle.Finish();
    }

    private static void BeginObject(PickleWriter pickle, string className)
    {
        pickle.Global(Namespace, className);
        pickle.EmptyTuple();
        pickle.NewObject();
        pickle.EmptyDict();
        pickle.Mark();
    }

    private static void EndObject(PickleWriter pickle)
    {
        pickle.SetItems();
        pickle.Build();
    }

    private static void Tensor(PickleWriter pickle, int storage, IReadOnlyList<int> shape)
    {
        pickle.Global("torch._utils", "_rebuild_tensor_v2");
        pickle.Mark();
        pickle.Mark();
        pickle.String("storage");
        pickle.Global("torch", "FloatStorage");
        pickle.String(storage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pickle.String("cpu");
        pickle.Int(shape.Aggregate(1L, (a, d) => a * d));
        pickle.Tuple();
        pickle.PersistentId();
        pickle.Int(0);
        pickle.Mark();
        foreach (var dimension in shape)
        {
            pickle.Int(dimension);
        }

        pickle.Tuple();
        pickle.Mark();
        var stride = 1L;
        var strides = new long[shape.Count];
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        foreach (var s in strides)
        {
            pickle.Int(s);
        }

        pickle.Tuple();
        pickle.Bool(true); // requires_grad: a parameter
        pickle.Global("collections", "OrderedDict");
        pickle.EmptyTuple();
        pickle.Reduce();
        pickle.Tuple();
        pickle.Reduce();
    }

    private static void Entry(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        var entry = zip.CreateEntry($"{Archive}/{name}", CompressionLevel.NoCompression);
        entry.LastWriteTime = ZipEpoch; // the same model gives the same bytes
        using var stream = entry.Open();
        stream.Write(content);
    }

    private sealed record Layer(string Name, string Kind, int WeightStorage, int BiasStorage, IReadOnlyList<int> WeightShape, IReadOnlyList<int> BiasShape);
}
