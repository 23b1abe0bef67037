using FedChain.Aggregator.Evaluation;
using FedChain.Learning;
using FedChain.Learning.Torch;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// FLTrust's server update: the round's global model trained on the run's engine with the run's plan on the aggregator's
/// root data (its validation set, which no worker holds), as local minus global parameters. Seeded by
/// the run seed and the round, so a rerun gets the same bits.
/// </summary>
public static class RootDataTrainer
{
    /// <summary>The callback FLTrust calls with (round, global model).</summary>
    public static Func<long, float[], float[]> For(RunConfiguration configuration, ServerEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(evaluation);
        ITrainableModel? model = null;
        var gate = new Lock();
        return (round, global) =>
        {
            lock (gate)
            {
                // Built on first use: only FLTrust runs ever call this.
                model ??= LearningEngines.Create(configuration.Engine).Create(ModelFactory.SpecOf(configuration.ModelName), unchecked((ulong)configuration.Seed));
                var plan = new Learning.TrainingPlan(configuration.LocalEpochs, configuration.BatchSize, (float)configuration.LearningRate,
                    Seed: unchecked(((ulong)configuration.Seed * 0x9E3779B97F4A7C15UL) ^ (ulong)round ^ 0x5EC0_0000_0000_0000UL));
                var (trained, _) = model.Train(global, evaluation.Validation, plan);
                var delta = new float[global.Length];
                System.Numerics.Tensors.TensorPrimitives.Subtract(trained, global, delta);
                return delta;
            }
        };
    }
}
