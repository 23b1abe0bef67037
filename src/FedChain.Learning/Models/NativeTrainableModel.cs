using FedChain.Learning.Data;
using FedChain.Learning.Metrics;

namespace FedChain.Learning.Models;

/// <summary>An <see cref="IModel"/> behind the engine seam: vectors are copied in and out at call boundaries only.</summary>
internal sealed class NativeTrainableModel(IModel model) : ITrainableModel
{
    private readonly float[] _initial = model.Parameters.ToArray();

    public string Engine => NativeEngine.EngineName;

    public string Architecture => model.Architecture;

    public ParameterLayout Layout => model.Layout;

    public IReadOnlyList<int> InputShape => model.InputShape;

    public int InputSize => model.InputSize;

    public int NumClasses => model.NumClasses;

    public float[] InitialParameters() => (float[])_initial.Clone();

    public TrainingOutcome Train(ReadOnlySpan<float> parameters, Dataset data, TrainingPlan plan, CancellationToken cancellationToken = default)
    {
        Load(parameters);
        var result = LocalTrainer.Train(model, data, plan, cancellationToken);
        return new TrainingOutcome(model.Parameters.ToArray(), result);
    }

    public EvaluationResult Evaluate(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100)
    {
        Load(parameters);
        return Evaluator.Evaluate(model, data, batchSize);
    }

    public float[] Predict(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Load(parameters);
        var probabilities = new float[(long)data.Count * NumClasses];
        var rows = new int[Math.Min(batchSize, Math.Max(1, data.Count))];
        for (var at = 0; at < data.Count; at += rows.Length)
        {
            var n = Math.Min(rows.Length, data.Count - at);
            for (var i = 0; i < n; i++)
            {
                rows[i] = at + i;
            }

            model.Predict(data, rows.AsSpan(0, n), probabilities.AsSpan(at * NumClasses, n * NumClasses));
        }

        return probabilities;
    }

    public void Dispose()
    {
    }

    private void Load(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Layout.TotalLength)
        {
            throw new ArgumentException($"model '{Architecture}' has {Layout.TotalLength} parameters, the vector given has {parameters.Length}", nameof(parameters));
        }

        parameters.CopyTo(model.Parameters);
    }
}
