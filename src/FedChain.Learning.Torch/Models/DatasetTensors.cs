using FedChain.Learning.Data;
using static TorchSharp.torch;

namespace FedChain.Learning.Torch.Models;

/// <summary>A dataset as tensors: features [count, ..input shape], labels as int64 (cross-entropy) and float32 (binary).</summary>
internal sealed record DatasetTensors(Dataset Source, Tensor Features, Tensor Labels, Tensor FloatLabels) : IDisposable
{
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
        FloatLabels.Dispose();
    }
}
