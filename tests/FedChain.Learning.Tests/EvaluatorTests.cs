using FedChain.Learning.Data;

namespace FedChain.Learning.Tests;

public sealed class EvaluatorTests
{
    [Fact]
    public void Evaluate_ZeroModel_UniformLossAndPerClassCounts()
    {
        var data = Dataset.FromArrays("tiny", new float[5 * 2], [0, 1, 2, 2, 1], [2], 3);
        var model = ModelFactory.Create(new ModelSpec("logreg", [2], 3), 1);
        model.Parameters.Clear();
        var bias = model.Layout["linear.bias"];
        model.Parameters[bias.Offset + 2] = 1f; // always predicts class 2
        var result = Evaluator.Evaluate(model, data, batchSize: 2);
        Assert.Equal(5, result.Samples);
        Assert.Equal(2, result.Correct);
        Assert.Equal(0.4, result.Accuracy, 12);
        Assert.Equal([1, 2, 2], result.PerClass.Select(c => c.Support));
        Assert.Equal([0, 0, 2], result.PerClass.Select(c => c.Correct));
        Assert.Equal([0, 0, 5], result.PerClass.Select(c => c.Predicted));
        var logSum = Math.Log(2 + Math.E);
        Assert.Equal(((3 * logSum) + (2 * (logSum - 1))) / 5, result.Loss, 5);
        Assert.Null(result.RocAuc);
    }

    [Fact]
    public void Evaluate_Binary_ReportsRocAucOfClassOneProbability()
    {
        // One feature, logit = x: the score order is the feature order.
        var data = Dataset.FromArrays("bin", [0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1], [1], 2);
        var model = ModelFactory.Create(new ModelSpec("logreg", [1], 2), 1);
        model.Parameters[0] = 1;
        model.Parameters[1] = 0;
        var result = Evaluator.Evaluate(model, data);
        Assert.Equal(0.75, result.RocAuc!.Value, 12);
    }
}
