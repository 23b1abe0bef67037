namespace FedChain.Learning.Torch.Tests;

public sealed class TorchEngineTests
{
    public static TheoryData<string> Specs => ["logreg", "mlp", "cnn", "tabular-mlp", "tabular-softmax"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Create_BuiltIn_HasTheNativeLayoutAndInitialVector(string name)
    {
        var spec = SpecOf(name);
        using var native = new NativeEngine().Create(spec, 5);
        using var torch = new TorchEngine().Create(spec, 5);
        Assert.Equal(native.Layout.CanonicalText(), torch.Layout.CanonicalText());
        Assert.Equal(native.InitialParameters(), torch.InitialParameters());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Predict_SameVector_GivesTheNativeProbabilities(string name)
    {
        var spec = SpecOf(name);
        var data = TestData.Random(23, [.. spec.InputShape], spec.Classes, 3);
        using var native = new NativeEngine().Create(spec, 2);
        using var torch = new TorchEngine().Create(spec, 2);
        var vector = native.InitialParameters();
        var expected = native.Predict(vector, data, batchSize: 10);
        var actual = torch.Predict(vector, data, batchSize: 10);
        Assert.True(TestData.RelativeL2(actual, expected) < 1e-5, $"{name}: relative L2 {TestData.RelativeL2(actual, expected):E2}");
        Assert.Equal(native.Evaluate(vector, data).Correct, torch.Evaluate(vector, data).Correct);
    }

    [Fact]
    public void Train_SameInputs_SameVector()
    {
        var spec = new ModelSpec("mlp", [6], 3, [16]);
        var data = TestData.Blobs(60, 6, 3, 1);
        var plan = new TrainingPlan(2, 8, 0.1f, Momentum: 0.9f, Seed: 4);
        using var model = new TorchEngine().Create(spec, 1);
        var first = model.Train(model.InitialParameters(), data, plan);
        var second = model.Train(model.InitialParameters(), data, plan);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(16, first.Result.Steps);
        Assert.NotEqual(model.InitialParameters(), first.Parameters);
    }

    [Fact]
    public void Train_Adam_LowersTheLoss()
    {
        var spec = new ModelSpec("logreg", [6], 2);
        var data = TestData.Blobs(80, 6, 2, 2);
        using var model = new TorchEngine().Create(spec, 1);
        var before = model.Evaluate(model.InitialParameters(), data).Loss;
        var trained = model.Train(model.InitialParameters(), data, new TrainingPlan(3, 10, 0.01f, Optimizer: "adam"));
        Assert.True(model.Evaluate(trained.Parameters, data).Loss < before * 0.8);
    }

    [Fact]
    public void Train_WrongFeatureCount_NamesTheSource()
    {
        using var model = new TorchEngine().Create(ModelSpec.MnistMlp, 1);
        var error = Assert.Throws<ArgumentException>(() => model.Train(model.InitialParameters(), TestData.Random(5, [3], 2, 1), new TrainingPlan(1, 5, 0.1f)));
        Assert.Equal("random-1: samples have 3 features, model 'mlp' expects 784", error.Message);
    }

    [Fact]
    public void Train_WrongVectorLength_SaysBothLengths()
    {
        using var model = new TorchEngine().Create(new ModelSpec("logreg", [3], 2), 1);
        var error = Assert.Throws<ArgumentException>(() => model.Train(new float[3], TestData.Random(5, [3], 2, 1), new TrainingPlan(1, 5, 0.1f)));
        Assert.StartsWith("model 'logreg' has 4 parameters, the vector given has 3", error.Message);
    }

    [Fact]
    public void Create_UnknownEngine_NamesTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => LearningEngines.Create("jax"));
        Assert.StartsWith("unknown engine 'jax', expected one of torch, native", error.Message);
    }

    internal static ModelSpec SpecOf(string name) => name switch
    {
        "tabular-mlp" => new ModelSpec("mlp", [30], 2, [64, 32]),
        "tabular-softmax" => new ModelSpec("mlp", [6], 3, [9, 7, 5]),
        "logreg" => ModelSpec.MnistLogReg,
        "mlp" => ModelSpec.MnistMlp,
        _ => ModelSpec.MnistCnn,
    };
}
