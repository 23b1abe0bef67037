namespace FedChain.Learning;

/// <summary>The element type of one tensor of a model's state.</summary>
public enum TensorElementType
{
    /// <summary>32-bit float: every entry of an exchanged parameter vector.</summary>
    Float32,

    /// <summary>64-bit integer, e.g. BatchNorm's num_batches_tracked: never exchanged, kept by each party.</summary>
    Int64,
}
