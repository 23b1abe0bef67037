using System.Numerics;
using System.Runtime.InteropServices;

namespace FedChain.Federation.Contribution;

/// <summary>
/// Element-wise float32 kernels for building coalition models. Each element is computed by the same IEEE
/// operations (multiply, then add; never fused) in the SIMD body and the scalar tail, so the results are
/// identical bit for bit whatever the machine's vector width.
/// </summary>
internal static class VectorKernels
{
    /// <summary>destination[i] = weight * x[i].</summary>
    public static void Scale(Span<float> destination, ReadOnlySpan<float> x, long weight)
    {
        CheckLengths(destination.Length, x.Length);
        var a = (float)weight;
        var va = new Vector<float>(a);
        var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = va * vx[i];
        }

        for (var i = d.Length * Vector<float>.Count; i < destination.Length; i++)
        {
            destination[i] = a * x[i];
        }
    }

    /// <summary>destination[i] = destination[i] + weight * x[i] (an axpy).</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> x, long weight)
    {
        CheckLengths(destination.Length, x.Length);
        var a = (float)weight;
        var va = new Vector<float>(a);
        var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        for (var i = 0; i < d.Length; i++)
        {
            var product = va * vx[i];
            d[i] += product;
        }

        for (var i = d.Length * Vector<float>.Count; i < destination.Length; i++)
        {
            var product = a * x[i];
            destination[i] += product;
        }
    }

    /// <summary>destination[i] = source[i] + weight * x[i]; the same arithmetic as <see cref="AddScaled"/>.</summary>
    public static void AddScaledInto(Span<float> destination, ReadOnlySpan<float> source, ReadOnlySpan<float> x, long weight)
    {
        CheckLengths(destination.Length, x.Length);
        CheckLengths(destination.Length, source.Length);
        var a = (float)weight;
        var va = new Vector<float>(a);
        var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(source);
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        for (var i = 0; i < d.Length; i++)
        {
            var product = va * vx[i];
            d[i] = vs[i] + product;
        }

        for (var i = d.Length * Vector<float>.Count; i < destination.Length; i++)
        {
            var product = a * x[i];
            destination[i] = source[i] + product;
        }
    }

    /// <summary>destination[i] = baseModel[i] + sum[i] * inverseWeight; destination may be sum itself.</summary>
    public static void ModelFromSum(Span<float> destination, ReadOnlySpan<float> baseModel, ReadOnlySpan<float> sum, float inverseWeight)
    {
        CheckLengths(destination.Length, baseModel.Length);
        CheckLengths(destination.Length, sum.Length);
        var vs = new Vector<float>(inverseWeight);
        var d = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(baseModel);
        var vsum = MemoryMarshal.Cast<float, Vector<float>>(sum);
        for (var i = 0; i < d.Length; i++)
        {
            var mean = vsum[i] * vs;
            d[i] = vb[i] + mean;
        }

        for (var i = d.Length * Vector<float>.Count; i < destination.Length; i++)
        {
            var mean = sum[i] * inverseWeight;
            destination[i] = baseModel[i] + mean;
        }
    }

    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"vector length {actual} does not match {expected}");
        }
    }
}
