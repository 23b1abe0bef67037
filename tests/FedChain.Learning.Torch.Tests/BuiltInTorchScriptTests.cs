using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FedChain.Learning.Torch.Export;

namespace FedChain.Learning.Torch.Tests;

public sealed class BuiltInTorchScriptTests
{
    public static TheoryData<string> Specs => ["logreg-binary", "mlp", "cnn"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Write_BuiltIn_PyTorchLoadsItWithoutTheClass_SameStateAndOutputs(string name)
    {
        var spec = SpecOf(name);
        using var model = new TorchEngine().Create(spec, 4);
        var vector = model.InitialParameters();
        var path = Write(spec, model, vector);

        var data = TestData.Random(1, [.. spec.InputShape], spec.Classes, 6);
        var sample = data.Features(0).ToArray();
        using var python = JsonDocument.Parse(PythonTorch.Run("read_torchscript.py",
            [path, string.Join('x', spec.InputShape), .. sample.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]));

        // The module's parameters are the engine's tensors: names, order, shapes and exact values.
        var root = python.RootElement;
        Assert.Equal(model.Layout.Slices.Select(s => s.Name), root.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        var state = root.GetProperty("state").EnumerateObject().ToArray();
        Assert.Equal(model.Layout.Slices.Select(s => s.Name), state.Select(s => s.Name));
        foreach (var (slice, tensor) in model.Layout.Slices.Zip(state))
        {
            Assert.Equal(slice.Shape, tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(vector.AsSpan(slice.Offset, slice.Length).ToArray(), tensor.Value.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()));
        }

        // Its forward pass is the engine's: the same probabilities from PyTorch's logits.
        var logits = root.GetProperty("outputs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var probabilities = logits.Length == 1
            ? [1 - Sigmoid(logits[0]), Sigmoid(logits[0])]
            : logits.Select(Math.Exp).Select(e => e / logits.Sum(Math.Exp)).ToArray();
        var expected = model.Predict(vector, data);
        Assert.Equal(spec.Classes, probabilities.Length);
        for (var c = 0; c < spec.Classes; c++)
        {
            Assert.Equal(expected[c], probabilities[c], 5);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Write_BuiltIn_TorchSharpLoadsItBack_SameLayoutAndVector(string name)
    {
        var spec = SpecOf(name);
        using var model = new TorchEngine().Create(spec, 9);
        var vector = model.InitialParameters();
        var path = Write(spec, model, vector);
        using var loaded = TorchEngine.LoadTorchScript(path, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), spec.InputShape, spec.Classes);
        Assert.Equal(model.Layout.CanonicalText(), loaded.Layout.CanonicalText());
        Assert.Equal(vector, loaded.InitialParameters());

        // The same model writes the same bytes (fixed zip timestamps), so an export's hash is reproducible.
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Write(spec, model, vector)));
    }

    [Fact]
    public void Write_LayoutOfAnotherArchitecture_RefusedNamingIt()
    {
        var spec = SpecOf("mlp");
        using var cnn = new TorchEngine().Create(SpecOf("cnn"), 1);
        var error = Assert.Throws<ArgumentException>(() => BuiltInTorchScript.Write(spec, cnn.Layout, cnn.InitialParameters(), new MemoryStream()));
        Assert.StartsWith("no TorchScript form for a 'mlp' of layers conv1 (Conv2d), conv2 (Conv2d), fc1 (Linear), fc2 (Linear)", error.Message, StringComparison.Ordinal);
    }

    private static ModelSpec SpecOf(string name) => name switch
    {
        "logreg-binary" => new ModelSpec("logreg", [6], 2),
        "mlp" => new ModelSpec("mlp", [6], 3, [8, 5]),
        "cnn" => new ModelSpec("cnn", [1, 8, 8], 3),
        _ => throw new ArgumentException(name),
    };

    private static string Write(ModelSpec spec, ITrainableModel model, float[] vector)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedchain-builtin-").FullName, $"{spec.Architecture}.pt");
        using (var stream = File.Create(path))
        {
            BuiltInTorchScript.Write(spec, model.Layout, vector, stream);
        }

        return path;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
