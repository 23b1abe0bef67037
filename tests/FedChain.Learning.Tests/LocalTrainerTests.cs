using FedChain.Learning.Data;

namespace FedChain.Learning.Tests;

public sealed class LocalTrainerTests
{
    [Theory]
    [InlineData("mlp", 64, 23)]
    [InlineData("cnn", 12, 5)]
    [InlineData("logreg", 50, 7)]
    public void Train_SameSeedTwice_GivesBitIdenticalParameters(string name, int samples, int batch)
    {
        var data = TestData.Random(samples, [1, 28, 28], 10, 11);
        var plan = new TrainingPlan(Epochs: 2, BatchSize: batch, LearningRate: 0.05f, Momentum: 0.9f, WeightDecay: 1e-4f, ProxMu: 0.01f, Seed: 5);
        var first = ModelFactory.Create(name, 3);
        var second = ModelFactory.Create(name, 3);
        var a = LocalTrainer.Train(first, data, plan);
        var b = LocalTrainer.Train(second, data, plan);
        Assert.Equal(a.EpochLosses, b.EpochLosses);
        Assert.True(first.Parameters.SequenceEqual(second.Parameters), $"{name}: parameters differ between two identical runs");
        Assert.False(first.Parameters.SequenceEqual(ModelFactory.Create(name, 3).Parameters), $"{name}: training did not change the parameters");
    }

    [Fact]
    public void Train_DifferentSeed_ShufflesDifferently()
    {
        var data = TestData.Random(40, [1, 28, 28], 10, 12);
        var first = ModelFactory.Create("logreg", 1);
        var second = ModelFactory.Create("logreg", 1);
        LocalTrainer.Train(first, data, new TrainingPlan(1, 8, 0.1f, Seed: 1));
        LocalTrainer.Train(second, data, new TrainingPlan(1, 8, 0.1f, Seed: 2));
        Assert.False(first.Parameters.SequenceEqual(second.Parameters));
    }

    [Fact]
    public void Train_Blobs_LossFallsEveryEpochAndAucIsHigh()
    {
        var data = TestData.Blobs(400, 5, 13);
        var model = ModelFactory.Create(new ModelSpec("mlp", [5], 2, [16]), 2);
        var result = LocalTrainer.Train(model, data, new TrainingPlan(Epochs: 4, BatchSize: 16, LearningRate: 0.1f, Seed: 3));
        Assert.Equal(4, result.EpochLosses.Count);
        Assert.Equal(4 * 25, result.Steps);
        for (var e = 1; e < result.EpochLosses.Count; e++)
        {
            Assert.True(result.EpochLosses[e] < result.EpochLosses[e - 1], $"epoch {e + 1} loss {result.EpochLosses[e]} not below {result.EpochLosses[e - 1]}");
        }

        var evaluation = Evaluator.Evaluate(model, data);
        Assert.True(evaluation.RocAuc > 0.95, $"auc {evaluation.RocAuc}");
        Assert.True(evaluation.Accuracy > 0.85, $"accuracy {evaluation.Accuracy}");
    }

    [Fact]
    public void Train_Adam_ReducesLoss()
    {
        var data = TestData.Blobs(200, 4, 14);
        var model = ModelFactory.Create(new ModelSpec("logreg", [4], 2), 2);
        var before = Evaluator.Evaluate(model, data).Loss;
        LocalTrainer.Train(model, data, new TrainingPlan(Epochs: 3, BatchSize: 10, LearningRate: 0.01f, Optimizer: "adam"));
        Assert.True(Evaluator.Evaluate(model, data).Loss < before * 0.8);
    }

    [Fact]
    public void Train_WithProxMu_StaysCloserToTheStartingVector()
    {
        var data = TestData.Random(100, [1, 28, 28], 10, 15);
        var start = ModelFactory.Create("logreg", 4).Parameters.ToArray();
        double Drift(float mu)
        {
            var model = ModelFactory.Create("logreg", 4);
            LocalTrainer.Train(model, data, new TrainingPlan(Epochs: 3, BatchSize: 10, LearningRate: 0.1f, ProxMu: mu, Seed: 1));
            return Math.Sqrt(model.Parameters.ToArray().Zip(start, (a, b) => (double)(a - b) * (a - b)).Sum());
        }

        var free = Drift(0);
        var proximal = Drift(5);
        Assert.True(proximal < free * 0.7, $"drift with mu=5: {proximal}, without: {free}");
    }

    [Fact]
    public void Train_FeatureCountMismatch_NamesSourceAndCounts()
    {
        var data = TestData.Random(10, [30], 2, 1);
        var model = ModelFactory.Create("mlp", 1);
        var error = Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 5, 0.1f)));
        Assert.Contains("synthetic", error.Message);
        Assert.Contains("30 features", error.Message);
        Assert.Contains("expects 784", error.Message);
    }

    [Fact]
    public void Train_LabelOutsideModelClasses_NamesSampleAndRange()
    {
        var labels = Enumerable.Repeat(1, 6).ToArray();
        labels[4] = 11;
        var data = Dataset.FromArrays("labels.csv", new float[6 * 3], labels, [3], 12);
        var model = ModelFactory.Create(new ModelSpec("mlp", [3], 10, [4]), 1);
        var error = Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 6, 0.1f)));
        Assert.Contains("labels.csv", error.Message);
        Assert.Contains("item 4", error.Message);
        Assert.Contains("label 11", error.Message);
        Assert.Contains("0..9", error.Message);
    }

    [Fact]
    public void Train_InvalidPlan_NamesTheField()
    {
        var data = TestData.Random(4, [3], 2, 1);
        var model = ModelFactory.Create(new ModelSpec("logreg", [3], 2), 1);
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 0, 0.1f))).Message);
        Assert.Contains("Momentum", Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 2, 0.1f, Momentum: 1.5f))).Message);
        Assert.Contains("Optimizer", Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 2, 0.1f, Optimizer: "rmsprop"))).Message);
    }
}
