namespace FedChain.Learning.Layers;

/// <summary>
/// One stage of a sequential model working on a batch of row-major samples. A layer owns slices of
/// the model's flat parameter and gradient vectors and any scratch it needs; Backward overwrites
/// (never accumulates) its gradient slice, so the model needs no zeroing pass per batch.
/// </summary>
internal abstract unsafe class Layer
{
    protected Layer(string name, int inputSize, int outputSize)
    {
        Name = name;
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>Prefix of this layer's parameter names, e.g. "fc1".</summary>
    public string Name { get; }

    /// <summary>Values per sample in.</summary>
    public int InputSize { get; }

    /// <summary>Values per sample out.</summary>
    public int OutputSize { get; }

    /// <summary>The parameter tensors (suffix and shape) in vector order.</summary>
    public virtual IReadOnlyList<(string Name, int[] Shape)> ParameterShapes => [];

    /// <summary>Total parameters of this layer.</summary>
    public int ParameterCount => ParameterShapes.Sum(p => p.Shape.Aggregate(1, (a, d) => a * d));

    /// <summary>Fills this layer's parameter slice with its initial values.</summary>
    public virtual void Initialize(Span<float> parameters, DeterministicRandom random)
    {
    }

    /// <summary>Grows per-batch scratch so batches up to <paramref name="batch"/> allocate nothing.</summary>
    public virtual void EnsureCapacity(int batch)
    {
    }

    /// <summary>output[batch, OutputSize] = f(input[batch, InputSize]).</summary>
    public abstract void Forward(float* input, float* output, int batch, float* parameters);

    /// <summary>Writes this layer's gradients and, unless <paramref name="dInput"/> is null, the input gradient.</summary>
    public abstract void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients);

    /// <summary>PyTorch's default Linear/Conv init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and bias.</summary>
    protected static void UniformFanIn(Span<float> values, int fanIn, DeterministicRandom random)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((2.0 * random.NextDouble()) - 1.0) * bound);
        }
    }
}
