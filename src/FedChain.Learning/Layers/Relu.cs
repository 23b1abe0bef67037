using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace FedChain.Learning.Layers;

/// <summary>Element-wise max(x, 0).</summary>
internal sealed unsafe class Relu : Layer
{
    public Relu(string name, int size)
        : base(name, size, size)
    {
    }

    public override void Forward(float* input, float* output, int batch, float* parameters)
    {
        var n = (long)batch * InputSize;
        TensorPrimitives.Max(new ReadOnlySpan<float>(input, checked((int)n)), 0f, new Span<float>(output, checked((int)n)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients)
    {
        if (dInput == null)
        {
            return;
        }

        var n = (long)batch * InputSize;
        long i = 0;
        for (; i + 8 <= n; i += 8)
        {
            var mask = Vector256.GreaterThan(Vector256.Load(output + i), Vector256<float>.Zero);
            Vector256.ConditionalSelect(mask, Vector256.Load(dOutput + i), Vector256<float>.Zero).Store(dInput + i);
        }

        for (; i < n; i++)
        {
            dInput[i] = output[i] > 0 ? dOutput[i] : 0f;
        }
    }
}
