using System.Globalization;

namespace FedChain.Learning.Torch.Tests;

public sealed class TorchScriptTests
{
    private static readonly int[] Features = [6];

    [Fact]
    public void Load_PythonModel_NamedParametersInModuleOrder()
    {
        using var model = Load("tabular.pt");
        Assert.Equal("hidden.weight:16x6;hidden.bias:16;out.weight:3x16;out.bias:3;", model.Layout.CanonicalText());
        Assert.Equal("torchscript", model.Architecture);
    }

    [Fact]
    public void TrainEvaluateSave_PythonLoadsTheTrainedModel_SameOutputs()
    {
        var data = TestData.Blobs(90, 6, 3, 4);
        using var model = Load("tabular.pt");
        var before = model.Evaluate(model.InitialParameters(), data);
        var trained = model.Train(model.InitialParameters(), data, new TrainingPlan(5, 10, 0.1f, Momentum: 0.9f, Seed: 2));
        var after = model.Evaluate(trained.Parameters, data);
        Assert.True(after.Loss < before.Loss / 2, $"loss {before.Loss:F4} -> {after.Loss:F4}");
        Assert.True(after.Accuracy > 0.9, $"accuracy {after.Accuracy:P1}");

        var saved = Path.Combine(Directory.CreateTempSubdirectory("fedchain-saved-").FullName, "trained.pt");
        TorchEngine.SaveTorchScript(model, trained.Parameters, saved);
        using var reloaded = TorchEngine.LoadTorchScript(saved, PythonTorch.Sha256Of(saved), Features, 3);
        Assert.Equal(trained.Parameters, reloaded.InitialParameters());

        // PyTorch itself reads the saved file: its logits for the first sample are the ones C# computes.
        var sample = data.Features(0).ToArray();
        var python = PythonTorch.Run("evaluate_model.py", [saved, .. sample.Select(v => v.ToString("R", CultureInfo.InvariantCulture))])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var probabilities = model.Predict(trained.Parameters, Learning.Data.Dataset.FromArrays("sample", sample, [data.Label(0)], Features, 3));
        var softmax = python.Select(Math.Exp).ToArray();
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(softmax[c] / softmax.Sum(), probabilities[c], 4);
        }
    }

    [Fact]
    public void Load_HashDiffers_OneLineErrorNamingFileAndBothHashes()
    {
        var path = Path.Combine(PythonTorch.Models, "tabular.pt");
        var wrong = new string('0', 64);
        var error = Assert.Throws<InvalidDataException>(() => TorchEngine.LoadTorchScript(path, wrong, Features, 3));
        Assert.Equal($"{path}: SHA-256 is 0x{PythonTorch.Sha256Of(path)}, the run expects 0x{wrong}", error.Message);
    }

    [Fact]
    public void Load_NotTorchScript_OneLineErrorNamingTheFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedchain-bad-").FullName, "model.pt");
        File.WriteAllText(path, "this is a CSV file, not a model\n1,2,3\n");
        var error = Assert.Throws<InvalidDataException>(() => TorchEngine.LoadTorchScript(path, PythonTorch.Sha256Of(path), Features, 3));
        Assert.StartsWith($"{path}: not a TorchScript model file (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_BatchNorm_FloatBuffersAveragedInt64CounterLocal_OrAllLocalAsFedBN()
    {
        using var averaged = Load("batchnorm.pt");
        Assert.Equal(
            "hidden.weight:8x6;hidden.bias:8;norm.weight:8;norm.bias:8;out.weight:3x8;out.bias:3;norm.running_mean:8:buffer;norm.running_var:8:buffer;",
            averaged.Layout.CanonicalText());
        using var local = Load("batchnorm.pt", BufferSharing.Local);
        Assert.DoesNotContain("buffer", local.Layout.CanonicalText(), StringComparison.Ordinal);

        // Training moves the running statistics, and they come back in the vector.
        var data = TestData.Blobs(40, 6, 3, 1);
        var trained = averaged.Train(averaged.InitialParameters(), data, new TrainingPlan(1, 10, 0.05f));
        var mean = averaged.Layout["norm.running_mean"];
        Assert.False(trained.Parameters.AsSpan(mean.Offset, mean.Length).SequenceEqual(averaged.InitialParameters().AsSpan(mean.Offset, mean.Length)));
    }

    private static ITrainableModel Load(string file, BufferSharing buffers = BufferSharing.Averaged)
    {
        var path = Path.Combine(PythonTorch.Models, file);
        return TorchEngine.LoadTorchScript(path, "0x" + PythonTorch.Sha256Of(path), Features, 3, buffers);
    }
}
