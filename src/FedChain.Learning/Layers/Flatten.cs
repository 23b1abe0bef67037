namespace FedChain.Learning.Layers;

/// <summary>Reinterprets [channels, height, width] samples as vectors; the memory order is already flat.</summary>
internal sealed unsafe class Flatten : Layer
{
    public Flatten(string name, int size)
        : base(name, size, size)
    {
    }

    public override void Forward(float* input, float* output, int batch, float* parameters) =>
        Buffer.MemoryCopy(input, output, (long)batch * OutputSize * sizeof(float), (long)batch * InputSize * sizeof(float));

    public override void Backward(float* input, float* output, float* dOutput, float* dInput, int batch, float* parameters, float* gradients)
    {
        if (dInput != null)
        {
            Buffer.MemoryCopy(dOutput, dInput, (long)batch * InputSize * sizeof(float), (long)batch * OutputSize * sizeof(float));
        }
    }
}
