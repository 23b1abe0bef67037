using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FedChain.Federation.Encoding;

/// <summary>A decoded (header-checked) vector whose values are read straight from the encoded payload bytes.</summary>
public sealed class EncodedVector
{
    private readonly ReadOnlyMemory<byte> _payload;
    private float[]? _bigEndianCopy;

    internal EncodedVector(VectorHeader header, ReadOnlyMemory<byte> payload)
    {
        Header = header;
        _payload = payload;
    }

    /// <summary>The checked header.</summary>
    public VectorHeader Header { get; }

    /// <summary>Number of values.</summary>
    public int Length => Header.Length;

    /// <summary>
    /// The values: a zero-copy view over the payload on little-endian machines (valid as long as the
    /// encoded buffer is), a one-time converted copy elsewhere.
    /// </summary>
    public ReadOnlySpan<float> Values => BitConverter.IsLittleEndian
        ? MemoryMarshal.Cast<byte, float>(_payload.Span)
        : _bigEndianCopy ??= ConvertFromLittleEndian(_payload.Span);

    /// <summary>Copies the values into a new array.</summary>
    public float[] ToArray() => Values.ToArray();

    private static float[] ConvertFromLittleEndian(ReadOnlySpan<byte> payload)
    {
        var values = new float[payload.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(payload[(i * sizeof(float))..]);
        }

        return values;
    }
}
