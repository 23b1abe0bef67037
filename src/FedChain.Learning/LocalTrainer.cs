using FedChain.Learning.Data;
using FedChain.Learning.Optimizers;

namespace FedChain.Learning;

/// <summary>
/// Local training as a worker runs it: E epochs of shuffled mini-batches over a dataset, with SGD
/// (momentum, weight decay) or Adam and an optional FedProx proximal term. Given the same model
/// vector, data, and plan, the resulting vector is bit-identical.
/// </summary>
public static class LocalTrainer
{
    /// <summary>Trains <paramref name="model"/> in place and returns per-epoch losses.</summary>
    public static TrainingResult Train(IModel model, Dataset data, TrainingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException($"{data.Source}: no samples to train on");
        }

        IOptimizer optimizer = plan.Optimizer == "adam"
            ? new Adam(plan.LearningRate, weightDecay: plan.WeightDecay)
            : new Sgd(plan.LearningRate, plan.Momentum, plan.WeightDecay);
        var start = plan.ProxMu > 0 ? model.Parameters.ToArray() : null;
        var order = new int[data.Count];
        var losses = new List<double>(plan.Epochs);
        var steps = 0;
        for (var epoch = 0; epoch < plan.Epochs; epoch++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            DeterministicRandom.Derive(plan.Seed, (ulong)epoch).Shuffle(order.AsSpan());
            double total = 0;
            for (var at = 0; at < order.Length; at += plan.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsSpan(at, Math.Min(plan.BatchSize, order.Length - at));
                var loss = model.ComputeLossAndGradients(data, rows);
                if (!float.IsFinite(loss))
                {
                    throw new ArithmeticException($"{data.Source}: training loss became {loss} at epoch {epoch + 1}, step {steps + 1}; lower the learning rate");
                }

                total += (double)loss * rows.Length;
                if (start is not null)
                {
                    AddProximalGradient(model.Gradients, model.Parameters, start, plan.ProxMu);
                }

                optimizer.Step(model.Parameters, model.Gradients);
                steps++;
            }

            losses.Add(total / order.Length);
        }

        return new TrainingResult(losses, data.Count, steps);
    }

    // d/dw of μ/2·||w - w0||² is μ·(w - w0).
    private static void AddProximalGradient(Span<float> gradients, ReadOnlySpan<float> parameters, ReadOnlySpan<float> start, float mu)
    {
        for (var i = 0; i < gradients.Length; i++)
        {
            gradients[i] += mu * (parameters[i] - start[i]);
        }
    }
}
