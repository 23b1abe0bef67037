namespace FedChain.Learning.Tests;

public sealed class ModelFactoryTests
{
    [Theory]
    [InlineData("mlp", 199_210)]
    [InlineData("cnn", 1_663_370)]
    [InlineData("logreg", 7_850)]
    public void Create_MnistModels_HaveThePapersParameterCounts(string name, int count)
    {
        var model = ModelFactory.Create(name);
        Assert.Equal(count, model.Layout.TotalLength);
        Assert.Equal(count, model.Parameters.Length);
        Assert.Equal(count, model.Gradients.Length);
        Assert.Equal(784, model.InputSize);
        Assert.Equal(10, model.NumClasses);
    }

    [Fact]
    public void Create_Cnn_LayoutNamesAndShapesMatchPyTorch()
    {
        var layout = ModelFactory.Create("cnn").Layout;
        Assert.Equal(
            "conv1.weight:32x1x5x5;conv1.bias:32;conv2.weight:64x32x5x5;conv2.bias:64;fc1.weight:512x3136;fc1.bias:512;fc2.weight:10x512;fc2.bias:10;",
            layout.CanonicalText());
    }

    [Fact]
    public void Create_SameSeed_SameVector_DifferentSeed_DifferentVector()
    {
        Assert.True(ModelFactory.Create("mlp", 42).Parameters.SequenceEqual(ModelFactory.Create("mlp", 42).Parameters));
        Assert.False(ModelFactory.Create("mlp", 42).Parameters.SequenceEqual(ModelFactory.Create("mlp", 43).Parameters));
    }

    [Fact]
    public void Create_Init_IsUniformWithinFanInBound()
    {
        var model = ModelFactory.Create("mlp", 1);
        var fc1 = model.Parameters.Slice(model.Layout["fc1.weight"].Offset, model.Layout["fc1.weight"].Length).ToArray();
        var bound = 1 / Math.Sqrt(784);
        Assert.All(fc1, w => Assert.InRange(Math.Abs(w), 0, bound));
        Assert.InRange(fc1.Max(), bound * 0.99, bound);
    }

    [Fact]
    public void Create_TabularBinary_HasOneOutputAndTwoClasses()
    {
        var model = ModelFactory.Create(new ModelSpec("mlp", [30], 2, [64, 32]), 1);
        Assert.Equal("fc1.weight:64x30;fc1.bias:64;fc2.weight:32x64;fc2.bias:32;fc3.weight:1x32;fc3.bias:1;", model.Layout.CanonicalText());
        Assert.Equal(2, model.NumClasses);
    }

    [Fact]
    public void Create_UnknownName_ListsKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Create("resnet"));
        Assert.Contains("resnet", error.Message);
        Assert.Contains("mlp", error.Message);
    }

    [Fact]
    public void SetParameters_ThroughSpan_ChangesPredictions()
    {
        var data = TestData.Random(3, [1, 28, 28], 10, 1);
        var model = ModelFactory.Create("logreg", 1);
        var probabilities = new float[30];
        model.Predict(data, [0, 1, 2], probabilities);
        var before = probabilities.ToArray();
        model.Parameters.Clear();
        model.Predict(data, [0, 1, 2], probabilities);
        Assert.NotEqual(before, probabilities);
        Assert.All(probabilities, p => Assert.Equal(0.1f, p, 1e-6f));
    }
}
