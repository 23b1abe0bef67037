using FedChain.Testing;

namespace FedChain.Tasks.Tests;

public sealed class TaskModelTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BuiltinSpec_TabularMlp_TakesFeatureCountClassesAndHiddenWidths()
    {
        var task = TaskFile.Parse(TaskFileTests.Tabular, "task.json", "/d").Definition;

        var spec = TaskModel.BuiltinSpec(task)!;

        Assert.Equal("mlp", spec.Architecture);
        Assert.Equal([2], spec.InputShape);
        Assert.Equal(2, spec.Classes);
        Assert.Equal([32, 16], spec.HiddenLayers!);
    }

    [Fact]
    public void BuiltinSpec_ImageCnn_TakesChannelsHeightWidth()
    {
        var task = TaskFile.Load(MnistImageFolder.Write(_dir.Path, workers: 1, samplesPerWorker: 1, testSamples: 1)).Definition;

        var spec = TaskModel.BuiltinSpec(task)!;

        Assert.Equal("cnn", spec.Architecture);
        Assert.Equal([1, 28, 28], spec.InputShape);
        Assert.Equal(10, spec.Classes);
    }

    [Fact]
    public void BuiltinSpec_TorchScriptModel_IsNull()
    {
        var json = TaskFileTests.Tabular.Replace("""{"builtin": "mlp", "hidden": [32, 16]}""", $$"""{"torchscript": "m.pt", "sha256": "{{new string('0', 64)}}"}""", StringComparison.Ordinal);

        Assert.Null(TaskModel.BuiltinSpec(TaskFile.Parse(json, "task.json", "/d").Definition));
    }
}
