using System.Runtime.CompilerServices;
namespace FedChain.Learning.Layers;

/// <summary>Non-overlapping max pooling (window = stride = size) over [channels, height, width] samples.</summary>
internal sealed unsafe class MaxPool2d : Layer
{
    private readonly int _channels, _height, _width, _size, _outHeight, _outWidth;
    private int[] _argmax = [];

    public MaxPool2d(string name, int channels, int height, int width, int size)
        : base(name, channels * height * width, channels * (height / size) * (width / size))
    {
        _channels = channels;
        _height = height;
        _width = width;
        _size = size;
        _outHeight = height / size;
        _outWidth = width / size;
    }

    public override void EnsureCapacity(int batch)
    {
        if (_argmax.Length < batch * OutputSize)
        {
            _argmax = GC.AllocateUninitializedArray<int>(batch * OutputSize, pinned: true);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(float* input, float* output, int batch, float* parameters)
    {
        fixed (int* argmax = _argmax)
        {
            var planes = batch * _channels;
            for (var plane = 0; plane < planes; plane++)
            {
                var src = input + ((long)plane * _height * _width);
                var dst = output + ((long)plane * _outHeight * _outWidth);
                var arg = argmax + ((long)plane * _outHeight * _outWidth);
                if (_size == 2)
                {
                    Plane2x2(src, dst, arg);
                    continue;
                }

                for (var oy = 0; oy < _outHeight; oy++)
                {
                    for (var ox = 0; ox < _outWidth; ox++)
                    {
                        var best = (oy * _size * _width) + (ox * _size);
                        var max = src[best];
                        for (var dy = 0; dy < _size; dy++)
                        {
                            var row = ((oy * _size) + dy) * _width;
                            for (var dx = 0; dx < _size; dx++)
                            {
                                var at = row + (ox * _size) + dx;
                                if (src[at] > max)
                                {
                                    max = src[at];
                                    best = at;
                                }
                            }
                        }

                        dst[(oy * _outWidth) + ox] = max;
                        arg[(oy * _outWidth) + ox] = best;
                    }
                }
            }
        }
    }

    // The common 2x2 case without data-dependent branches: on random activations the generic loop's
    // comparisons mispredict about half the time and cost more than the rest of the layer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Plane2x2(float* src, float* dst, int* arg)
    {
        for (var oy = 0; oy < _outHeight; oy++)
        {
            var top = 2 * oy * _width;
            var bottom = top + _width;
            for (var ox = 0; ox < _outWidth; ox++)
            {
                int i0 = top + (2 * ox), i1 = i0 + 1, i2 = bottom + (2 * ox), i3 = i2 + 1;
                float v0 = src[i0], v1 = src[i1], v2 = src[i2], v3 = src[i3];
                var upper = v1 > v0;
                var lower = v3 > v2;
                var vu = upper ? v1 : v0;
                var iu = upper ? i1 : i0;
                var vl = lower ? v3 : v2;
                var il = lower ? i3 : i2;
                var second = vl > vu;
                dst[(oy * _outWidth) + ox] = second ? vl : vu;
                arg[(oy * _outWidth) + ox] = second ? il : iu;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients)
    {
        if (dInput == null)
        {
            return;
        }

        new Span<float>(dInput, batch * InputSize).Clear();
        fixed (int* argmax = _argmax)
        {
            var planes = batch * _channels;
            var outPlane = _outHeight * _outWidth;
            for (var plane = 0; plane < planes; plane++)
            {
                var dst = dInput + ((long)plane * _height * _width);
                var src = dOutput + ((long)plane * outPlane);
                var arg = argmax + ((long)plane * outPlane);
                for (var o = 0; o < outPlane; o++)
                {
                    dst[arg[o]] = src[o];
                }
            }
        }
    }
}
