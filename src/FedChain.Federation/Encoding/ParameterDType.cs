namespace FedChain.Federation.Encoding;

/// <summary>Element type of an encoded parameter vector (one byte in the header).</summary>
public enum ParameterDType : byte
{
    /// <summary>IEEE-754 binary32, little-endian.</summary>
    Float32 = 1,
}
