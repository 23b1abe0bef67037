namespace FedChain.Federation.Encoding;

/// <summary>The parts of an encoded vector a decoder checks, in byte order.</summary>
public enum VectorField
{
    /// <summary>The 4-byte magic "FCPV".</summary>
    Magic,

    /// <summary>The 2-byte format version.</summary>
    Version,

    /// <summary>The 1-byte element type.</summary>
    DType,

    /// <summary>The 1-byte payload kind (model or update).</summary>
    Kind,

    /// <summary>The 4-byte value count, checked against the layout and the buffer size.</summary>
    Length,

    /// <summary>The 32-byte layout hash.</summary>
    LayoutHash,

    /// <summary>The float32 values.</summary>
    Payload,
}
