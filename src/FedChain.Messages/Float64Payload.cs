using System.Buffers.Binary;

namespace FedChain.Messages;

/// <summary>
/// Number vectors in messages travel as bytes (the house rule: payloads are byte arrays, never number lists): 8 bytes of
/// little-endian IEEE 754 float64 per value, so every platform reads the same bits that were signed.
/// </summary>
public static class Float64Payload
{
    /// <summary>The bytes of <paramref name="values"/>.</summary>
    public static byte[] Encode(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return bytes;
    }

    /// <summary>The values in <paramref name="bytes"/> (none for null); <see cref="FormatException"/> naming <paramref name="field"/> when its length is not a multiple of 8.</summary>
    public static double[] Decode(byte[]? bytes, string field)
    {
        if (bytes is null)
        {
            return [];
        }

        if (bytes.Length % sizeof(double) != 0)
        {
            throw new FormatException($"{field} is {bytes.Length} bytes, not a whole number of 8-byte float64 values");
        }

        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        }

        return values;
    }
}
