using System.Buffers.Binary;

namespace FedChain.Learning.Data;

/// <summary>
/// Reads IDX files (LeCun's MNIST format): big-endian magic 0x00 0x00 type rank, one 32-bit size per
/// dimension, then the unsigned bytes. Only type 0x08 (ubyte) is accepted, which is what MNIST uses.
/// </summary>
public static class IdxReader
{
    /// <summary>Reads an image file (rank 3) as floats scaled to [0, 1]; returns the pixels and [count, rows, cols].</summary>
    public static (float[] Pixels, int[] Shape) ReadImages(string path)
    {
        var (data, shape, offset) = Read(path, 3);
        var pixels = new float[data.Length - offset];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = data[offset + i] / 255f;
        }

        return (pixels, shape);
    }

    /// <summary>Reads a label file (rank 1) as integers.</summary>
    public static int[] ReadLabels(string path)
    {
        var (data, shape, offset) = Read(path, 1);
        var labels = new int[shape[0]];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = data[offset + i];
        }

        return labels;
    }

    private static (byte[] Data, int[] Shape, int Offset) Read(string path, int rank)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: IDX file not found", path);
        }

        var data = File.ReadAllBytes(path);
        if (data.Length < 4)
        {
            throw new DataFormatException(path, "offset 0", $"truncated: expected a 4-byte magic number, file has {data.Length} bytes");
        }

        var expectedMagic = 0x0800 | rank;
        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != expectedMagic)
        {
            throw new DataFormatException(path, "offset 0", $"wrong magic 0x{magic:X8}, expected 0x{expectedMagic:X8} (unsigned bytes, {rank} dimension{(rank == 1 ? string.Empty : "s")})");
        }

        var header = 4 + (4 * rank);
        if (data.Length < header)
        {
            throw new DataFormatException(path, $"offset {data.Length}", $"truncated header: expected {header} bytes, file has {data.Length}");
        }

        var shape = new int[rank];
        long count = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + (4 * d)));
            if (shape[d] <= 0)
            {
                throw new DataFormatException(path, $"offset {4 + (4 * d)}", $"dimension {d} is {shape[d]}, expected a positive size");
            }

            count *= shape[d];
        }

        if (data.Length - header != count)
        {
            var problem = data.Length - header < count ? "truncated" : "trailing bytes";
            throw new DataFormatException(path, $"offset {data.Length}", $"{problem}: header [{string.Join(" x ", shape)}] needs {count} data bytes after offset {header}, file has {data.Length - header}");
        }

        return (data, shape, header);
    }
}
