namespace FedChain.Federation.Encoding;

/// <summary>The decoded header of an encoded parameter vector.</summary>
/// <param name="Version">Format version (currently <see cref="VectorEncoding.CurrentVersion"/>).</param>
/// <param name="DType">Element type of the payload.</param>
/// <param name="Kind">Model or update.</param>
/// <param name="Length">Number of values in the payload.</param>
/// <param name="LayoutHash">The 32-byte <see cref="FedChain.Learning.ParameterLayout.Hash"/> of the vector's layout.</param>
public sealed record VectorHeader(ushort Version, ParameterDType DType, PayloadKind Kind, int Length, ReadOnlyMemory<byte> LayoutHash);
