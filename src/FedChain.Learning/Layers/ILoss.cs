namespace FedChain.Learning.Layers;

/// <summary>A loss over a batch of model outputs and integer labels.</summary>
internal unsafe interface ILoss
{
    /// <summary>Model outputs per sample for a task with this many classes.</summary>
    int OutputsPerSample(int classes);

    /// <summary>Mean loss over the batch; writes d(mean loss)/d(outputs) unless <paramref name="dOutputs"/> is null.</summary>
    double Compute(float* outputs, int* labels, int batch, int classes, float* dOutputs);

    /// <summary>Class probabilities [batch, classes] from the outputs.</summary>
    void Probabilities(float* outputs, int batch, int classes, float* probabilities);
}
