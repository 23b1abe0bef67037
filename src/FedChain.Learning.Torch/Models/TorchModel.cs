using System.Runtime.InteropServices;
using FedChain.Learning.Data;
using FedChain.Learning.Metrics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FedChain.Learning.Torch.Models;

/// <summary>
/// A torch module behind the engine seam. Every call runs inside its own dispose scope and never awaits, so
/// each tensor it makes is freed when the call returns; only the module's own parameters and buffers and a
/// small cache of dataset tensors outlive a call (all freed by <see cref="Dispose"/>).
/// </summary>
internal sealed class TorchModel : ITrainableModel
{
    private const int CachedDatasets = 3;

    private readonly nn.Module _module;
    private readonly Func<Tensor, Tensor> _forward;
    private readonly Tensor[] _tensors;
    private readonly Parameter[] _trainable;
    private readonly float[] _initial;
    private readonly long[] _inputDims;
    private readonly List<DatasetTensors> _datasets = [];
    private bool _disposed;

    public TorchModel(string architecture, IReadOnlyList<int> inputShape, int classes, nn.Module<Tensor, Tensor> module, float[] initial, ParameterLayout layout)
        : this(architecture, inputShape, classes, module, module.forward, layout, initial)
    {
    }

    /// <summary>Binds <paramref name="layout"/>'s slices, by name, to the module's parameters and buffers.</summary>
    public TorchModel(string architecture, IReadOnlyList<int> inputShape, int classes, nn.Module module, Func<Tensor, Tensor> forward, ParameterLayout layout, float[] initial)
    {
        Architecture = architecture;
        InputShape = inputShape.ToArray();
        InputSize = InputShape.Aggregate(1, (a, d) => checked(a * d));
        NumClasses = classes;
        Layout = layout;
        _module = module;
        _forward = forward;
        _inputDims = InputShape.Select(d => (long)d).ToArray();
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var buffers = module.named_buffers().ToDictionary(b => b.name, b => b.buffer, StringComparer.Ordinal);
        _tensors = new Tensor[layout.Slices.Count];
        var trainable = new List<Parameter>();
        for (var i = 0; i < layout.Slices.Count; i++)
        {
            var slice = layout.Slices[i];
            Tensor? tensor = slice.Kind == ParameterKind.Parameter
                ? parameters.GetValueOrDefault(slice.Name)
                : buffers.GetValueOrDefault(slice.Name);
            if (tensor is null)
            {
                throw new ArgumentException($"{architecture}: the module has no {slice.Kind.ToString().ToLowerInvariant()} named '{slice.Name}'");
            }

            if (!tensor.shape.SequenceEqual(slice.Shape.Select(d => (long)d)) || tensor.dtype != ScalarType.Float32)
            {
                throw new ArgumentException($"{architecture}: '{slice.Name}' is {tensor.dtype} [{string.Join(", ", tensor.shape)}], the layout says float32 [{string.Join(", ", slice.Shape)}]");
            }

            _tensors[i] = tensor;
            if (slice.Kind == ParameterKind.Parameter)
            {
                trainable.Add((Parameter)tensor);
            }
        }

        _trainable = [.. trainable];
        if (initial.Length != layout.TotalLength)
        {
            throw new ArgumentException($"{architecture}: initial vector has {initial.Length} values, the layout {layout.TotalLength}");
        }

        _initial = initial;
    }

    public string Engine => TorchEngine.EngineName;

    public string Architecture { get; }

    public ParameterLayout Layout { get; }

    public IReadOnlyList<int> InputShape { get; }

    public int InputSize { get; }

    public int NumClasses { get; }

    public float[] InitialParameters() => (float[])_initial.Clone();

    public TrainingOutcome Train(ReadOnlySpan<float> parameters, Dataset data, TrainingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(_disposed, this);
        plan.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException($"{data.Source}: no samples to train on");
        }

        var tensors = TensorsOf(data);
        using var scope = torch.NewDisposeScope();
        Load(parameters);

        // Dropout and other random layers of a TorchScript model draw from torch's generator: seed it per call.
        torch.random.manual_seed(unchecked((long)plan.Seed));
        var start = plan.ProxMu > 0 ? _trainable.Select(p => p.detach().clone()).ToArray() : null;
        using var optimizer = CreateOptimizer(plan);
        _module.train();
        var order = new int[data.Count];
        var permutation = new long[data.Count];
        var losses = new List<double>(plan.Epochs);
        var steps = 0;
        for (var epoch = 0; epoch < plan.Epochs; epoch++)
        {
            // The native engine's batches exactly: the same seeded shuffle per epoch.
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            DeterministicRandom.Derive(plan.Seed, (ulong)epoch).Shuffle(order.AsSpan());
            for (var i = 0; i < order.Length; i++)
            {
                permutation[i] = order[i];
            }

            using var epochScope = torch.NewDisposeScope();
            var rowsOfEpoch = torch.tensor(permutation, dtype: ScalarType.Int64);
            double total = 0;
            for (var at = 0; at < order.Length; at += plan.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stepScope = torch.NewDisposeScope();
                var count = Math.Min(plan.BatchSize, order.Length - at);
                var rows = rowsOfEpoch.narrow(0, at, count);
                optimizer.zero_grad();
                var loss = Loss(_forward(tensors.Features.index_select(0, rows)), tensors.Labels.index_select(0, rows), tensors.FloatLabels.index_select(0, rows));
                loss.backward();
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                {
                    throw new ArithmeticException($"{data.Source}: training loss became {value} at epoch {epoch + 1}, step {steps + 1}; lower the learning rate");
                }

                total += (double)value * count;
                if (start is not null)
                {
                    AddProximalGradient(start, plan.ProxMu);
                }

                optimizer.step();
                steps++;
            }

            losses.Add(total / order.Length);
        }

        return new TrainingOutcome(Save(), new TrainingResult(losses, data.Count, steps));
    }

    public EvaluationResult Evaluate(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (data.Count == 0)
        {
            throw new ArgumentException($"{data.Source}: no samples to evaluate");
        }

        var tensors = TensorsOf(data);
        using var scope = torch.NewDisposeScope();
        Load(parameters);
        _module.eval();
        using var noGrad = torch.no_grad();
        return Evaluator.Evaluate(NumClasses, data, batchSize, (rows, probabilities) =>
        {
            using var batchScope = torch.NewDisposeScope();
            return PredictRange(tensors, rows[0], rows.Length, probabilities);
        });
    }

    public float[] Predict(ReadOnlySpan<float> parameters, Dataset data, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var probabilities = new float[(long)data.Count * NumClasses];
        if (data.Count == 0)
        {
            return probabilities;
        }

        var tensors = TensorsOf(data);
        using var scope = torch.NewDisposeScope();
        Load(parameters);
        _module.eval();
        using var noGrad = torch.no_grad();
        for (var at = 0; at < data.Count; at += batchSize)
        {
            using var batchScope = torch.NewDisposeScope();
            var n = Math.Min(batchSize, data.Count - at);
            PredictRange(tensors, at, n, probabilities.AsSpan(at * NumClasses, n * NumClasses));
        }

        return probabilities;
    }

    /// <summary>Writes the vector into the module (parameters and shared buffers), then saves it as TorchScript.</summary>
    public void SaveTorchScript(ReadOnlySpan<float> parameters, string path)
    {
        if (_module is not jit.ScriptModule script)
        {
            throw new InvalidOperationException($"model '{Architecture}' is not a TorchScript module");
        }

        using var scope = torch.NewDisposeScope();
        Load(parameters);
        jit.save(script, path);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var cached in _datasets)
        {
            cached.Dispose();
        }

        _datasets.Clear();
        _module.Dispose();
    }

    private float PredictRange(DatasetTensors tensors, int at, int count, Span<float> probabilities)
    {
        var output = _forward(tensors.Features.narrow(0, at, count));
        var labels = tensors.Labels.narrow(0, at, count);
        var loss = Loss(output, labels, tensors.FloatLabels.narrow(0, at, count)).item<float>();
        var p = Probabilities(output).contiguous();
        MemoryMarshal.Cast<byte, float>(p.bytes).CopyTo(probabilities);
        return loss;
    }

    private Tensor Loss(Tensor output, Tensor labels, Tensor floatLabels)
    {
        CheckOutputs(output);
        return output.shape[1] == 1
            ? nn.functional.binary_cross_entropy_with_logits(output.reshape(-1), floatLabels)
            : nn.functional.cross_entropy(output, labels);
    }

    private Tensor Probabilities(Tensor output)
    {
        if (output.shape[1] != 1)
        {
            return nn.functional.softmax(output, 1);
        }

        var positive = torch.sigmoid(output);
        return torch.cat([1 - positive, positive], 1);
    }

    private void CheckOutputs(Tensor output)
    {
        var width = output.shape.Length == 2 ? output.shape[1] : -1;
        if (!(width == NumClasses || (width == 1 && NumClasses == 2)))
        {
            throw new InvalidDataException($"model '{Architecture}' gives outputs [{string.Join(", ", output.shape)}], expected [batch, {NumClasses}]{(NumClasses == 2 ? " or [batch, 1]" : "")}");
        }
    }

    private optim.Optimizer CreateOptimizer(TrainingPlan plan) => plan.Optimizer == "adam"
        ? optim.Adam(_trainable, plan.LearningRate, weight_decay: plan.WeightDecay)
        : optim.SGD(_trainable, plan.LearningRate, momentum: plan.Momentum, weight_decay: plan.WeightDecay);

    // d/dw of μ/2·||w - w0||² is μ·(w - w0), added before the optimizer's step as the native engine does.
    private void AddProximalGradient(Tensor[] start, float mu)
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _trainable.Length; i++)
        {
            _trainable[i].grad?.add_(_trainable[i] - start[i], alpha: mu);
        }
    }

    private void Load(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Layout.TotalLength)
        {
            throw new ArgumentException($"model '{Architecture}' has {Layout.TotalLength} parameters, the vector given has {parameters.Length}", nameof(parameters));
        }

        using var noGrad = torch.no_grad();
        for (var i = 0; i < _tensors.Length; i++)
        {
            var slice = Layout.Slices[i];
            var values = parameters.Slice(slice.Offset, slice.Length);

            // The setter copies the bytes into the tensor's storage; it only reads the span it is given.
            _tensors[i].bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(values), values.Length));
        }
    }

    private float[] Save()
    {
        var vector = new float[Layout.TotalLength];
        for (var i = 0; i < _tensors.Length; i++)
        {
            var slice = Layout.Slices[i];
            MemoryMarshal.Cast<byte, float>(_tensors[i].bytes).CopyTo(vector.AsSpan(slice.Offset, slice.Length));
        }

        return vector;
    }

    private DatasetTensors TensorsOf(Dataset data)
    {
        var index = _datasets.FindIndex(d => ReferenceEquals(d.Source, data));
        if (index >= 0)
        {
            return _datasets[index];
        }

        if (data.FeatureCount != InputSize)
        {
            throw new ArgumentException($"{data.Source}: samples have {data.FeatureCount} features, model '{Architecture}' expects {InputSize}");
        }

        if (data.NumClasses > NumClasses)
        {
            for (var i = 0; i < data.Count; i++)
            {
                if ((uint)data.Label(i) >= (uint)NumClasses)
                {
                    throw new ArgumentException($"{data.Source}: {data.DescribeSample(i)} has label {data.Label(i)}, model '{Architecture}' has classes 0..{NumClasses - 1}");
                }
            }
        }

        if (_datasets.Count == CachedDatasets)
        {
            _datasets[0].Dispose();
            _datasets.RemoveAt(0);
        }

        var (features, labels) = data.ToArrays();
        long[] dims = [data.Count, .. _inputDims];
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(features, dims).DetachFromDisposeScope();
        var y = torch.tensor(labels.Select(l => (long)l).ToArray(), dtype: ScalarType.Int64).DetachFromDisposeScope();
        var yFloat = torch.tensor(labels.Select(l => (float)l).ToArray()).DetachFromDisposeScope();
        var cached = new DatasetTensors(data, x, y, yFloat);
        _datasets.Add(cached);
        return cached;
    }
}
