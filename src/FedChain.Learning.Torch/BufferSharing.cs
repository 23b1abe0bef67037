namespace FedChain.Learning.Torch;

/// <summary>What happens to a TorchScript model's float32 buffers (e.g. BatchNorm running statistics) in a federation.</summary>
public enum BufferSharing
{
    /// <summary>They are part of the exchanged vector and averaged like parameters.</summary>
    Averaged,

    /// <summary>FedBN-style: each party keeps its own; they are left out of the vector.</summary>
    Local,
}
