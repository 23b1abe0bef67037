using System.Diagnostics;
using FedChain.Learning.Data;
using Xunit.Abstractions;

namespace FedChain.Learning.Tests.Models;

[Trait("Category", "Slow")]
public sealed class MnistTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Mlp_OneEpochBatch10_ReachesAtLeast96PercentTestAccuracy()
    {
        var result = TrainAndEvaluate("mlp", new TrainingPlan(Epochs: 1, BatchSize: 10, LearningRate: 0.05f, Seed: 1));
        Assert.True(result.Accuracy >= 0.96, $"mlp test accuracy {result.Accuracy:P2} after 1 epoch, expected >= 96%");
    }

    [Fact]
    public void Cnn_OneEpoch_ReachesAtLeast98PercentTestAccuracy()
    {
        var result = TrainAndEvaluate("cnn", new TrainingPlan(Epochs: 1, BatchSize: 10, LearningRate: 0.05f, Seed: 1));
        Assert.True(result.Accuracy >= 0.98, $"cnn test accuracy {result.Accuracy:P2} after 1 epoch, expected >= 98%");
    }

    private Learning.Metrics.EvaluationResult TrainAndEvaluate(string name, TrainingPlan plan)
    {
        Dataset train = MnistData.Train, test = MnistData.Test;
        var model = ModelFactory.Create(name, seed: 7);
        var clock = Stopwatch.StartNew();
        var training = LocalTrainer.Train(model, train, plan);
        var trainTime = clock.Elapsed;
        var result = Evaluator.Evaluate(model, test);
        output.WriteLine($"{name}: train {trainTime.TotalSeconds:F1} s, loss {training.EpochLosses[0]:F4}, test loss {result.Loss:F4}, accuracy {result.Accuracy:P2}");
        return result;
    }
}
