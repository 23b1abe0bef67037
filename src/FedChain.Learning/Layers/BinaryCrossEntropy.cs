namespace FedChain.Learning.Layers;

/// <summary>
/// Binary tasks: one logit per sample, sigmoid, and the cross-entropy of label 1 vs 0 (mean over the batch),
/// computed from the logit in a numerically stable form.
/// </summary>
internal sealed unsafe class BinaryCrossEntropy : ILoss
{
    public int OutputsPerSample(int classes) =>
        classes == 2 ? 1 : throw new ArgumentException($"binary cross-entropy needs 2 classes, got {classes}");

    public double Compute(float* outputs, int* labels, int batch, int classes, float* dOutputs)
    {
        double total = 0;
        var scale = 1.0 / batch;
        for (var b = 0; b < batch; b++)
        {
            double z = outputs[b];
            double y = labels[b];

            // log(1 + e^z) - y·z, without overflow for large |z|
            total += Math.Max(z, 0) - (z * y) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (dOutputs != null)
            {
                dOutputs[b] = (float)((Sigmoid(z) - y) * scale);
            }
        }

        return total * scale;
    }

    public void Probabilities(float* outputs, int batch, int classes, float* probabilities)
    {
        for (var b = 0; b < batch; b++)
        {
            var p = Sigmoid(outputs[b]);
            probabilities[2 * b] = (float)(1 - p);
            probabilities[(2 * b) + 1] = (float)p;
        }
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
