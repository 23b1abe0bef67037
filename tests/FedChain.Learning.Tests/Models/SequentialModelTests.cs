using FedChain.Learning.Optimizers;

namespace FedChain.Learning.Tests.Models;

public sealed class SequentialModelTests
{
    [Theory]
    [InlineData("mlp", 10)]
    [InlineData("cnn", 4)]
    public void TrainingStep_AfterWarmUp_AllocatesNothing(string name, int batch)
    {
        var data = TestData.Random(batch * 3, [1, 28, 28], 10, 1);
        var model = ModelFactory.Create(name, 1);
        var sgd = new Sgd(0.01f, momentum: 0.9f);
        int[] rows = [.. Enumerable.Range(0, batch)];
        int[] partial = [.. Enumerable.Range(batch, batch - 1)];
        model.ComputeLossAndGradients(data, rows);
        sgd.Step(model.Parameters, model.Gradients);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
        {
            model.ComputeLossAndGradients(data, rows);
            model.ComputeLossAndGradients(data, partial);
            sgd.Step(model.Parameters, model.Gradients);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ComputeLossAndGradients_EmptyBatch_Throws() =>
        Assert.Throws<ArgumentException>(() => ModelFactory.Create("logreg").ComputeLossAndGradients(TestData.Random(2, [1, 28, 28], 10, 1), []));

    [Fact]
    public void Predict_ProbabilitiesSumToOne()
    {
        var data = TestData.Random(5, [1, 28, 28], 10, 2);
        var model = ModelFactory.Create("cnn", 2);
        var probabilities = new float[50];
        var loss = model.Predict(data, [0, 1, 2, 3, 4], probabilities);
        Assert.InRange(loss, 1.5, 3.5);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1.0, probabilities.Skip(i * 10).Take(10).Sum(), 4);
        }
    }
}
