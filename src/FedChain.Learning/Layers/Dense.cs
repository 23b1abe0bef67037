using System.Numerics.Tensors;
using FedChain.Learning.Kernels;

namespace FedChain.Learning.Layers;

/// <summary>Fully connected layer y = x·Wᵀ + b with W stored [out, in] as PyTorch does.</summary>
internal sealed unsafe class Dense : Layer
{
    public Dense(string name, int inputs, int outputs)
        : base(name, inputs, outputs)
    {
    }

    public override IReadOnlyList<(string Name, int[] Shape)> ParameterShapes =>
        [("weight", [OutputSize, InputSize]), ("bias", [OutputSize])];

    public override void Initialize(Span<float> parameters, DeterministicRandom random) =>
        UniformFanIn(parameters, InputSize, random);

    public override void Forward(float* input, float* output, int batch, float* parameters)
    {
        var weight = parameters;
        var bias = new ReadOnlySpan<float>(parameters + ((long)OutputSize * InputSize), OutputSize);
        Gemm.Dot(batch, OutputSize, InputSize, input, InputSize, weight, InputSize, output, OutputSize, accumulate: false);
        for (var b = 0; b < batch; b++)
        {
            var row = new Span<float>(output + ((long)b * OutputSize), OutputSize);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    public override void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients)
    {
        // dW[out,in] = dYᵀ·X ; db = column sums of dY ; dX = dY·W
        Gemm.RowB(OutputSize, InputSize, batch, dOutput, 1, OutputSize, input, InputSize, gradients, InputSize, accumulate: false);
        var db = new Span<float>(gradients + ((long)OutputSize * InputSize), OutputSize);
        new ReadOnlySpan<float>(dOutput, OutputSize).CopyTo(db);
        for (var b = 1; b < batch; b++)
        {
            TensorPrimitives.Add(db, new ReadOnlySpan<float>(dOutput + ((long)b * OutputSize), OutputSize), db);
        }

        if (dInput != null)
        {
            Gemm.RowB(batch, InputSize, OutputSize, dOutput, OutputSize, 1, parameters, InputSize, dInput, InputSize, accumulate: false);
        }
    }
}
