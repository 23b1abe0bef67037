using System.Runtime.CompilerServices;
namespace FedChain.Learning.Layers;

/// <summary>Softmax over logits followed by the negative log-likelihood of the label (mean over the batch).</summary>
internal sealed unsafe class SoftmaxCrossEntropy : ILoss
{
    public int OutputsPerSample(int classes) => classes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Compute(float* outputs, int* labels, int batch, int classes, float* dOutputs)
    {
        double total = 0;
        var scale = 1.0 / batch;
        for (var b = 0; b < batch; b++)
        {
            var z = outputs + ((long)b * classes);
            var max = z[0];
            for (var c = 1; c < classes; c++)
            {
                max = Math.Max(max, z[c]);
            }

            double sum = 0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }

            var logSum = Math.Log(sum);
            total += logSum - (z[labels[b]] - max);
            if (dOutputs != null)
            {
                var d = dOutputs + ((long)b * classes);
                for (var c = 0; c < classes; c++)
                {
                    var p = Math.Exp(z[c] - max - logSum);
                    d[c] = (float)((p - (c == labels[b] ? 1.0 : 0.0)) * scale);
                }
            }
        }

        return total * scale;
    }

    public void Probabilities(float* outputs, int batch, int classes, float* probabilities)
    {
        for (var b = 0; b < batch; b++)
        {
            var z = outputs + ((long)b * classes);
            var max = z[0];
            for (var c = 1; c < classes; c++)
            {
                max = Math.Max(max, z[c]);
            }

            double sum = 0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp(z[c] - max);
            }

            for (var c = 0; c < classes; c++)
            {
                probabilities[((long)b * classes) + c] = (float)(Math.Exp(z[c] - max) / sum);
            }
        }
    }
}
