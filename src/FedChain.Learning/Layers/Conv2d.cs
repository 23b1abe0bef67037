using System.Runtime.CompilerServices;
using FedChain.Learning.Kernels;

namespace FedChain.Learning.Layers;

/// <summary>
/// Stride-1 2-D convolution over [channels, height, width] samples, weight [out, in, k, k] as PyTorch.
/// Each sample is lowered by im2col and the three products run as GEMMs. Wide patches (conv2: 800) use
/// one row per output pixel so every product has long rows and full register tiles; narrow patches
/// (conv1: 25) use one row per patch element, which keeps the forward product's k from being tiny.
/// Samples are split over a fixed number of parts that run on both cores, each part with its own
/// scratch and partial weight gradient, summed in part order so results stay identical.
/// </summary>
internal sealed unsafe class Conv2d : Layer
{
    /// <summary>Fixed, so the gradient summation order does not depend on the machine's core count.</summary>
    private const int Parts = 4;

    private readonly int _inC, _outC, _k, _pad, _h, _w, _outH, _outW, _patch, _pixels;
    private readonly bool _pixelMajor;
    private readonly float[][] _cols = new float[Parts][];
    private readonly float[][] _dCols = new float[Parts][];
    private readonly float[][] _dWeight = new float[Parts][];

    public Conv2d(string name, int inChannels, int outChannels, int kernel, int height, int width, int padding)
        : base(name, inChannels * height * width, outChannels * (height + (2 * padding) - kernel + 1) * (width + (2 * padding) - kernel + 1))
    {
        _inC = inChannels;
        _outC = outChannels;
        _k = kernel;
        _pad = padding;
        _h = height;
        _w = width;
        _outH = height + (2 * padding) - kernel + 1;
        _outW = width + (2 * padding) - kernel + 1;
        _patch = inChannels * kernel * kernel;
        _pixels = _outH * _outW;
        _pixelMajor = _patch >= 64;
        for (var p = 0; p < Parts; p++)
        {
            _cols[p] = GC.AllocateUninitializedArray<float>(_pixels * _patch, pinned: true);
            _dCols[p] = GC.AllocateUninitializedArray<float>(_pixels * _patch, pinned: true);
            _dWeight[p] = GC.AllocateUninitializedArray<float>((_outC * _patch) + _outC, pinned: true);
        }
    }

    public override IReadOnlyList<(string Name, int[] Shape)> ParameterShapes =>
        [("weight", [_outC, _inC, _k, _k]), ("bias", [_outC])];

    public override void Initialize(Span<float> parameters, DeterministicRandom random) =>
        UniformFanIn(parameters, _patch, random);

    public override void Forward(float* input, float* output, int batch, float* parameters)
    {
        var job = new Job { Layer = this, Input = input, Output = output, Batch = batch, Parameters = parameters };
        WorkerPool.Run(&ForwardPart, Unsafe.AsPointer(ref job), Math.Min(Parts, batch));
    }

    public override void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients)
    {
        var parts = Math.Min(Parts, batch);
        var job = new Job { Layer = this, Input = input, Output = dOutput, DInput = dInput, Batch = batch, Parameters = parameters };
        WorkerPool.Run(&BackwardPart, Unsafe.AsPointer(ref job), parts);
        var length = (_outC * _patch) + _outC;
        var total = new Span<float>(gradients, length);
        _dWeight[0].AsSpan(0, length).CopyTo(total);
        for (var p = 1; p < parts; p++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(total, _dWeight[p].AsSpan(0, length), total);
        }
    }

    private static (int Start, int End) Samples(int batch, int part, int parts) =>
        ((int)((long)batch * part / parts), (int)((long)batch * (part + 1) / parts));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPart(void* state, int part, int parts)
    {
        ref var job = ref Unsafe.AsRef<Job>(state);
        var self = job.Layer;
        var (start, end) = Samples(job.Batch, part, parts);
        fixed (float* cols = self._cols[part])
        {
            var bias = job.Parameters + ((long)self._outC * self._patch);
            for (var s = start; s < end; s++)
            {
                var outS = job.Output + ((long)s * self.OutputSize);
                self.Im2Col(job.Input + ((long)s * self.InputSize), cols);
                if (self._pixelMajor)
                {
                    Gemm.DotSerial(self._outC, self._pixels, self._patch, job.Parameters, self._patch, cols, self._patch, outS, self._pixels, accumulate: false);
                }
                else
                {
                    Gemm.RowBSerial(self._outC, self._pixels, self._patch, job.Parameters, self._patch, 1, cols, self._pixels, outS, self._pixels, accumulate: false);
                }

                for (var o = 0; o < self._outC; o++)
                {
                    var row = new Span<float>(outS + ((long)o * self._pixels), self._pixels);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, bias[o], row);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPart(void* state, int part, int parts)
    {
        ref var job = ref Unsafe.AsRef<Job>(state);
        var self = job.Layer;
        var (start, end) = Samples(job.Batch, part, parts);
        fixed (float* cols = self._cols[part], dCols = self._dCols[part], dW = self._dWeight[part])
        {
            var db = dW + ((long)self._outC * self._patch);
            for (var s = start; s < end; s++)
            {
                var dOut = job.Output + ((long)s * self.OutputSize);
                self.Im2Col(job.Input + ((long)s * self.InputSize), cols);

                // dW[o, q] (+)= Σ_pixel dOut[o, pixel]·cols(pixel, q)
                if (self._pixelMajor)
                {
                    Gemm.RowBSerial(self._outC, self._patch, self._pixels, dOut, self._pixels, 1, cols, self._patch, dW, self._patch, accumulate: s != start);
                }
                else
                {
                    Gemm.DotSerial(self._outC, self._patch, self._pixels, dOut, self._pixels, cols, self._pixels, dW, self._patch, accumulate: s != start);
                }

                for (var o = 0; o < self._outC; o++)
                {
                    var sum = Gemm.Sum(dOut + ((long)o * self._pixels), self._pixels);
                    db[o] = s == start ? sum : db[o] + sum;
                }

                if (job.DInput != null)
                {
                    // dCols(pixel, q) = Σ_o dOut[o, pixel]·W[o, q]
                    if (self._pixelMajor)
                    {
                        Gemm.RowBSerial(self._pixels, self._patch, self._outC, dOut, 1, self._pixels, job.Parameters, self._patch, dCols, self._patch, accumulate: false);
                    }
                    else
                    {
                        Gemm.RowBSerial(self._patch, self._pixels, self._outC, job.Parameters, 1, self._patch, dOut, self._pixels, dCols, self._pixels, accumulate: false);
                    }

                    self.Col2Im(dCols, job.DInput + ((long)s * self.InputSize));
                }
            }
        }
    }

    /// <summary>cols(pixel, (c, ky, kx)) = input[c, oy + ky - pad, ox + kx - pad], zero outside, in this layer's layout.</summary>
    internal void Im2Col(float* input, float* cols)
    {
        if (_pixelMajor)
        {
            Im2ColPixelMajor(input, cols);
        }
        else
        {
            Im2ColPatchMajor(input, cols);
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: input gradient = Σ of patch gradients over the pixels that saw it.</summary>
    internal void Col2Im(float* cols, float* dInput)
    {
        if (_pixelMajor)
        {
            Col2ImPixelMajor(cols, dInput);
        }
        else
        {
            Col2ImPatchMajor(cols, dInput);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Im2ColPatchMajor(float* input, float* cols)
    {
        for (var c = 0; c < _inC; c++)
        {
            for (var ky = 0; ky < _k; ky++)
            {
                for (var kx = 0; kx < _k; kx++)
                {
                    var row = cols + ((long)((((c * _k) + ky) * _k) + kx) * _pixels);
                    int first = Math.Max(0, _pad - kx), last = Math.Min(_outW, _w + _pad - kx);
                    for (var oy = 0; oy < _outH; oy++, row += _outW)
                    {
                        var iy = oy + ky - _pad;
                        if (iy < 0 || iy >= _h || first >= last)
                        {
                            new Span<float>(row, _outW).Clear();
                            continue;
                        }

                        new Span<float>(row, first).Clear();
                        new ReadOnlySpan<float>(input + ((long)c * _h * _w) + (iy * _w) + first + kx - _pad, last - first).CopyTo(new Span<float>(row + first, last - first));
                        new Span<float>(row + last, _outW - last).Clear();
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Col2ImPatchMajor(float* cols, float* dInput)
    {
        new Span<float>(dInput, InputSize).Clear();
        for (var c = 0; c < _inC; c++)
        {
            for (var ky = 0; ky < _k; ky++)
            {
                for (var kx = 0; kx < _k; kx++)
                {
                    var row = cols + ((long)((((c * _k) + ky) * _k) + kx) * _pixels);
                    int first = Math.Max(0, _pad - kx), last = Math.Min(_outW, _w + _pad - kx);
                    for (var oy = 0; oy < _outH; oy++, row += _outW)
                    {
                        var iy = oy + ky - _pad;
                        if (iy < 0 || iy >= _h || first >= last)
                        {
                            continue;
                        }

                        var dst = new Span<float>(dInput + ((long)c * _h * _w) + (iy * _w) + first + kx - _pad, last - first);
                        System.Numerics.Tensors.TensorPrimitives.Add(dst, new ReadOnlySpan<float>(row + first, last - first), dst);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Im2ColPixelMajor(float* input, float* cols)
    {
        for (var oy = 0; oy < _outH; oy++)
        {
            for (var ox = 0; ox < _outW; ox++)
            {
                var dst = cols + ((long)((oy * _outW) + ox) * _patch);
                var x0 = ox - _pad;
                var inside = x0 >= 0 && x0 + _k <= _w;
                for (var c = 0; c < _inC; c++)
                {
                    var plane = input + ((long)c * _h * _w);
                    for (var ky = 0; ky < _k; ky++, dst += _k)
                    {
                        var iy = oy + ky - _pad;
                        if (iy < 0 || iy >= _h)
                        {
                            new Span<float>(dst, _k).Clear();
                            continue;
                        }

                        var src = plane + (iy * _w) + x0;
                        if (inside)
                        {
                            for (var kx = 0; kx < _k; kx++)
                            {
                                dst[kx] = src[kx];
                            }
                        }
                        else
                        {
                            for (var kx = 0; kx < _k; kx++)
                            {
                                var ix = x0 + kx;
                                dst[kx] = ix >= 0 && ix < _w ? src[kx] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Col2ImPixelMajor(float* cols, float* dInput)
    {
        new Span<float>(dInput, InputSize).Clear();
        for (var oy = 0; oy < _outH; oy++)
        {
            for (var ox = 0; ox < _outW; ox++)
            {
                var src = cols + ((long)((oy * _outW) + ox) * _patch);
                var x0 = ox - _pad;
                var inside = x0 >= 0 && x0 + _k <= _w;
                for (var c = 0; c < _inC; c++)
                {
                    var plane = dInput + ((long)c * _h * _w);
                    for (var ky = 0; ky < _k; ky++, src += _k)
                    {
                        var iy = oy + ky - _pad;
                        if (iy < 0 || iy >= _h)
                        {
                            continue;
                        }

                        var dst = plane + (iy * _w) + x0;
                        if (inside)
                        {
                            for (var kx = 0; kx < _k; kx++)
                            {
                                dst[kx] += src[kx];
                            }

                            continue;
                        }

                        for (var kx = 0; kx < _k; kx++)
                        {
                            var ix = x0 + kx;
                            if (ix >= 0 && ix < _w)
                            {
                                dst[kx] += src[kx];
                            }
                        }
                    }
                }
            }
        }
    }

    private struct Job
    {
        public Conv2d Layer;
        public float* Input, Output, DInput, Parameters;
        public int Batch;
    }
}
