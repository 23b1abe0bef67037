using FedChain.Learning.Data;
using FedChain.Learning.Layers;

namespace FedChain.Learning.Models;

/// <summary>
/// A stack of layers with a loss, its parameters in one pinned vector. Activation and gradient
/// buffers are sized for the largest batch seen and reused, so steady-state training allocates nothing.
/// </summary>
internal sealed unsafe class SequentialModel : IModel
{
    private readonly Layer[] _layers;
    private readonly ILoss _loss;
    private readonly int[] _offsets;
    private readonly float[] _parameters;
    private readonly float[] _gradients;
    private float[][] _activations = [];
    private float[][] _deltas = [];
    private int[] _labels = [];
    private int _capacity;

    public SequentialModel(string architecture, IReadOnlyList<int> inputShape, int classes, Layer[] layers, ILoss loss, ulong seed)
    {
        Architecture = architecture;
        InputShape = inputShape.ToArray();
        InputSize = InputShape.Aggregate(1, (a, d) => checked(a * d));
        NumClasses = classes;
        _layers = layers;
        _loss = loss;
        if (layers[0].InputSize != InputSize)
        {
            throw new ArgumentException($"{architecture}: first layer takes {layers[0].InputSize} values, input shape gives {InputSize}");
        }

        for (var l = 1; l < layers.Length; l++)
        {
            if (layers[l].InputSize != layers[l - 1].OutputSize)
            {
                throw new ArgumentException($"{architecture}: layer '{layers[l].Name}' takes {layers[l].InputSize} values, '{layers[l - 1].Name}' gives {layers[l - 1].OutputSize}");
            }
        }

        if (layers[^1].OutputSize != loss.OutputsPerSample(classes))
        {
            throw new ArgumentException($"{architecture}: last layer gives {layers[^1].OutputSize} outputs, the loss needs {loss.OutputsPerSample(classes)}");
        }

        Layout = ParameterLayout.Sequential(layers
            .SelectMany(l => l.ParameterShapes.Select(p => ($"{l.Name}.{p.Name}", p.Shape)))
            .ToArray());
        _offsets = new int[layers.Length];
        var offset = 0;
        for (var l = 0; l < layers.Length; l++)
        {
            _offsets[l] = offset;
            offset += layers[l].ParameterCount;
        }

        _parameters = GC.AllocateArray<float>(Math.Max(1, offset), pinned: true);
        _gradients = GC.AllocateArray<float>(Math.Max(1, offset), pinned: true);
        var random = new DeterministicRandom(seed);
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l].Initialize(_parameters.AsSpan(_offsets[l], layers[l].ParameterCount), random);
        }
    }

    public string Architecture { get; }

    public ParameterLayout Layout { get; }

    public IReadOnlyList<int> InputShape { get; }

    public int InputSize { get; }

    public int NumClasses { get; }

    public Span<float> Parameters => _parameters.AsSpan(0, Layout.TotalLength);

    public Span<float> Gradients => _gradients.AsSpan(0, Layout.TotalLength);

    internal IReadOnlyList<Layer> Layers => _layers;

    public float ComputeLossAndGradients(Dataset data, ReadOnlySpan<int> rows)
    {
        var batch = Gather(data, rows);
        fixed (float* parameters = _parameters, gradients = _gradients)
        fixed (int* labels = _labels)
        {
            Forward(batch, parameters);
            double loss;
            fixed (float* logits = _activations[^1], dLogits = _deltas[^1])
            {
                loss = _loss.Compute(logits, labels, batch, NumClasses, dLogits);
            }

            for (var l = _layers.Length - 1; l >= 0; l--)
            {
                fixed (float* input = _activations[l], output = _activations[l + 1], dOutput = _deltas[l + 1], dInput = _deltas[l])
                {
                    // The first layer's input gradient is never used: skip it (it is the costliest product).
                    _layers[l].Backward(input, output, dOutput, l == 0 ? null : dInput, batch, parameters + _offsets[l], gradients + _offsets[l]);
                }
            }

            return (float)loss;
        }
    }

    public float Predict(Dataset data, ReadOnlySpan<int> rows, Span<float> probabilities)
    {
        if (probabilities.Length < rows.Length * NumClasses)
        {
            throw new ArgumentException($"probabilities holds {probabilities.Length} values, {rows.Length} rows × {NumClasses} classes need {rows.Length * NumClasses}");
        }

        var batch = Gather(data, rows);
        fixed (float* parameters = _parameters, logits = _activations[^1], probs = probabilities)
        fixed (int* labels = _labels)
        {
            Forward(batch, parameters);
            _loss.Probabilities(logits, batch, NumClasses, probs);
            return (float)_loss.Compute(logits, labels, batch, NumClasses, null);
        }
    }

    private void Forward(int batch, float* parameters)
    {
        for (var l = 0; l < _layers.Length; l++)
        {
            fixed (float* input = _activations[l], output = _activations[l + 1])
            {
                _layers[l].Forward(input, output, batch, parameters + _offsets[l]);
            }
        }
    }

    private int Gather(Dataset data, ReadOnlySpan<int> rows)
    {
        if (rows.Length == 0)
        {
            throw new ArgumentException("a batch needs at least one row", nameof(rows));
        }

        if (data.FeatureCount != InputSize)
        {
            throw new ArgumentException($"{data.Source}: samples have {data.FeatureCount} features, model '{Architecture}' expects {InputSize}");
        }

        if (data.NumClasses > NumClasses)
        {
            // A label space wider than the model's could hold labels it cannot represent: check each one.
            foreach (var row in rows)
            {
                CheckLabel(data, row);
            }
        }

        EnsureCapacity(rows.Length);
        var input = _activations[0].AsSpan();
        for (var i = 0; i < rows.Length; i++)
        {
            data.Features(rows[i]).CopyTo(input.Slice(i * InputSize, InputSize));
            _labels[i] = data.Label(rows[i]);
        }

        return rows.Length;
    }

    private void CheckLabel(Dataset data, int row)
    {
        var label = data.Label(row);
        if ((uint)label >= (uint)NumClasses)
        {
            throw new ArgumentException($"{data.Source}: {data.DescribeSample(row)} has label {label}, model '{Architecture}' has classes 0..{NumClasses - 1}");
        }
    }

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity)
        {
            return;
        }

        _activations = new float[_layers.Length + 1][];
        _deltas = new float[_layers.Length + 1][];
        _activations[0] = GC.AllocateArray<float>(batch * InputSize, pinned: true);
        _deltas[0] = GC.AllocateArray<float>(batch * InputSize, pinned: true);
        for (var l = 0; l < _layers.Length; l++)
        {
            _activations[l + 1] = GC.AllocateArray<float>(batch * _layers[l].OutputSize, pinned: true);
            _deltas[l + 1] = GC.AllocateArray<float>(batch * _layers[l].OutputSize, pinned: true);
            _layers[l].EnsureCapacity(batch);
        }

        _labels = GC.AllocateArray<int>(batch, pinned: true);
        _capacity = batch;
    }
}
