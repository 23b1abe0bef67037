using System.Diagnostics;
using System.Text.Json;
using FedChain.Learning;
using FedChain.Learning.Models;

namespace FedChain.Benchmarks;

/// <summary>Per-layer forward and backward time of one batch, to see where a model's step goes.</summary>
internal static unsafe class LayerProfile
{
    public static void Run(string name, int batch, TextWriter output)
    {
        var model = (SequentialModel)ModelFactory.Create(name, seed: 0);
        var random = new DeterministicRandom(1);
        var layers = model.Layers;
        var buffers = new float[layers.Count + 1][];
        var deltas = new float[layers.Count + 1][];
        buffers[0] = Fill(batch * layers[0].InputSize, random);
        deltas[0] = new float[batch * layers[0].InputSize];
        for (var l = 0; l < layers.Count; l++)
        {
            layers[l].EnsureCapacity(batch);
            buffers[l + 1] = new float[batch * layers[l].OutputSize];
            deltas[l + 1] = Fill(batch * layers[l].OutputSize, random);
        }

        var parameters = model.Parameters.ToArray();
        var gradients = new float[parameters.Length];
        var offset = 0;
        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            fixed (float* xf = buffers[l], yf = buffers[l + 1], dyf = deltas[l + 1], dxf = deltas[l], pf = parameters, gf = gradients)
            {
                float* x = xf, y = yf, dy = dyf;
                var pl = pf + offset;
                var gl = gf + offset;
                var dxl = l == 0 ? null : dxf;
                var forward = Time(() => layer.Forward(x, y, batch, pl));
                var backward = Time(() => layer.Backward(x, y, dy, dxl, batch, pl, gl));
                output.WriteLine(JsonSerializer.Serialize(new { bench = "train-profile", model = name, batch, layer = layer.Name, forward_cpu_us = forward, backward_cpu_us = backward }));
            }

            offset += layer.ParameterCount;
        }
    }

    private static double Time(Action action)
    {
        for (var i = 0; i < 5; i++)
        {
            action();
        }

        // Process CPU time, not wall time: on a shared machine the wall clock mostly measures the neighbours.
        var runs = 0;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 300 || runs < 5)
        {
            action();
            runs++;
        }

        process.Refresh();
        return Math.Round((process.TotalProcessorTime - cpu).TotalMicroseconds / runs, 1);
    }

    private static float[] Fill(int n, DeterministicRandom random)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (float)random.NextDouble() - 0.3f;
        }

        return values;
    }
}
