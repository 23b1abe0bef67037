using System.Globalization;
using System.Text.Json;
using FedChain.Learning.Torch.Export;

namespace FedChain.Learning.Torch.Tests;

public sealed class SafetensorsFileTests
{
    [Fact]
    public void Write_BuiltInMlp_PyTorchLoadsTheStateDict_SameValuesAndOutputs()
    {
        var spec = new ModelSpec("mlp", [6], 3, [8, 5]);
        using var model = new TorchEngine().Create(spec, 3);
        var vector = model.InitialParameters();
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedchain-safetensors-").FullName, "mlp.safetensors");
        using (var stream = File.Create(path))
        {
            SafetensorsFile.Write(model.Layout, vector, stream);
        }

        var data = TestData.Random(1, [6], 3, 4);
        var sample = data.Features(0).ToArray();
        using var python = JsonDocument.Parse(PythonTorch.Run("read_safetensors.py", [path, .. sample.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]));

        // Every tensor under the engine's name, shape and order, with the exact float32 values.
        var tensors = python.RootElement.GetProperty("tensors").EnumerateObject().ToArray();
        Assert.Equal(model.Layout.Slices.Select(s => s.Name), tensors.Select(t => t.Name));
        foreach (var (slice, tensor) in model.Layout.Slices.Zip(tensors))
        {
            Assert.Equal(slice.Shape, tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(vector.AsSpan(slice.Offset, slice.Length).ToArray(), tensor.Value.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()));
        }

        // The state dict loaded strictly into a PyTorch module of the same architecture gives the engine's probabilities.
        var expected = model.Predict(vector, data)[..3];
        var actual = python.RootElement.GetProperty("probabilities").EnumerateArray().Select(p => (float)p.GetDouble()).ToArray();
        Assert.Equal(3, actual.Length);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c], actual[c], 5);
        }

        Assert.Equal(vector, SafetensorsFile.Read(model.Layout, path));
    }

    [Fact]
    public void Read_FileOfAnotherModel_ErrorNamingTheFileAndTensor()
    {
        using var logreg = new TorchEngine().Create(new ModelSpec("logreg", [6], 3), 1);
        using var mlp = new TorchEngine().Create(new ModelSpec("mlp", [6], 3, [8]), 1);
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedchain-safetensors-").FullName, "logreg.safetensors");
        using (var stream = File.Create(path))
        {
            SafetensorsFile.Write(logreg.Layout, logreg.InitialParameters(), stream);
        }

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(mlp.Layout, path));
        Assert.Equal($"{path}: holds tensor 'linear.weight', which the model does not have", error.Message);
    }

    [Fact]
    public void Write_VectorOfAnotherLength_Refused()
    {
        using var model = new TorchEngine().Create(new ModelSpec("logreg", [6], 3), 1);
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => SafetensorsFile.Write(model.Layout, new float[5], stream));
        Assert.StartsWith($"the vector has 5 values, the layout {model.Layout.TotalLength}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }
}
