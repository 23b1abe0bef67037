using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedChain.Learning;

namespace FedChain.Federation.Encoding;

/// <summary>
/// The versioned binary form of a model or an update: a 44-byte header (magic "FCPV", version u16,
/// dtype u8, kind u8, length u32, layout hash 32 bytes; little-endian) followed by the float32 values
/// little-endian. The content hash is SHA-256 over the whole encoding, header included, so a hash
/// also pins the layout and kind.
/// </summary>
public static class VectorEncoding
{
    /// <summary>The format version this code writes and reads.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Bytes before the first value (a multiple of 4, so values stay 4-byte aligned relative to the buffer).</summary>
    public const int HeaderSize = 44;

    /// <summary>Length in bytes of the content hash.</summary>
    public const int HashSize = 32;

    /// <summary>The 4 magic bytes "FCPV".</summary>
    public static ReadOnlySpan<byte> Magic => "FCPV"u8;

    private const int VersionOffset = 4;
    private const int DTypeOffset = 6;
    private const int KindOffset = 7;
    private const int LengthOffset = 8;
    private const int LayoutHashOffset = 12;

    /// <summary>Size in bytes of the encoding of <paramref name="length"/> float32 values.</summary>
    public static int EncodedSize(int length) => checked(HeaderSize + (length * sizeof(float)));

    /// <summary>Encodes values laid out by <paramref name="layout"/> into a new buffer.</summary>
    public static byte[] Encode(ParameterLayout layout, ReadOnlySpan<float> values, PayloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var buffer = new byte[EncodedSize(values.Length)];
        Encode(layout, values, kind, buffer);
        return buffer;
    }

    /// <summary>Encodes into <paramref name="destination"/>, which must be exactly <see cref="EncodedSize"/> bytes.</summary>
    public static void Encode(ParameterLayout layout, ReadOnlySpan<float> values, PayloadKind kind, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (values.Length != layout.TotalLength)
        {
            throw new ArgumentException($"values has {values.Length} elements but layout '{layout}' has {layout.TotalLength}", nameof(values));
        }

        var size = EncodedSize(values.Length);
        if (destination.Length != size)
        {
            throw new ArgumentException($"destination is {destination.Length} bytes, expected {size}", nameof(destination));
        }

        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[VersionOffset..], CurrentVersion);
        destination[DTypeOffset] = (byte)ParameterDType.Float32;
        destination[KindOffset] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[LengthOffset..], (uint)values.Length);
        layout.Hash.CopyTo(destination[LayoutHashOffset..]);
        var payload = destination[HeaderSize..];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(payload);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(payload[(i * sizeof(float))..], values[i]);
            }
        }
    }

    /// <summary>SHA-256 of an encoded buffer (hardware-accelerated where the CPU has SHA extensions).</summary>
    public static byte[] ContentHash(ReadOnlySpan<byte> encoded) => SHA256.HashData(encoded);

    /// <summary>Writes the SHA-256 of an encoded buffer into a 32-byte destination.</summary>
    public static void ContentHash(ReadOnlySpan<byte> encoded, Span<byte> destination) => SHA256.HashData(encoded, destination);

    /// <summary>Reads and checks the header (magic, version, dtype, kind value, length vs buffer size) without a layout.</summary>
    public static VectorHeader ReadHeader(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < HeaderSize)
        {
            throw new VectorFormatException(VectorField.Magic, 0, $"at least {HeaderSize} bytes of header", $"{encoded.Length} bytes in total");
        }

        if (!encoded[..4].SequenceEqual(Magic))
        {
            throw new VectorFormatException(VectorField.Magic, 0, "\"FCPV\" (46 43 50 56)", Convert.ToHexString(encoded[..4]));
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(encoded[VersionOffset..]);
        if (version != CurrentVersion)
        {
            throw new VectorFormatException(VectorField.Version, VersionOffset, CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var dtype = encoded[DTypeOffset];
        if (dtype != (byte)ParameterDType.Float32)
        {
            throw new VectorFormatException(VectorField.DType, DTypeOffset, $"{(byte)ParameterDType.Float32} (float32)", dtype.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var kind = encoded[KindOffset];
        if (kind is not ((byte)PayloadKind.Model or (byte)PayloadKind.Update))
        {
            throw new VectorFormatException(VectorField.Kind, KindOffset, "1 (model) or 2 (update)", kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(encoded[LengthOffset..]);
        var payloadBytes = (long)encoded.Length - HeaderSize;
        if (length > int.MaxValue / sizeof(float) || (long)length * sizeof(float) != payloadBytes)
        {
            throw new VectorFormatException(VectorField.Length, LengthOffset, $"{payloadBytes / sizeof(float)} values ({payloadBytes} payload bytes follow the header)", $"{length} values");
        }

        return new VectorHeader(version, ParameterDType.Float32, (PayloadKind)kind, (int)length, encoded.Slice(LayoutHashOffset, HashSize).ToArray());
    }

    /// <summary>
    /// Decodes and checks a buffer against the expected layout and kind. On little-endian machines the
    /// result's values are a view over <paramref name="encoded"/> (no copy).
    /// </summary>
    public static EncodedVector Decode(ReadOnlyMemory<byte> encoded, ParameterLayout expectedLayout, PayloadKind expectedKind)
    {
        ArgumentNullException.ThrowIfNull(expectedLayout);
        var header = ReadHeader(encoded.Span);
        if (header.Kind != expectedKind)
        {
            throw new VectorFormatException(VectorField.Kind, KindOffset, $"{(byte)expectedKind} ({expectedKind})", $"{(byte)header.Kind} ({header.Kind})");
        }

        if (header.Length != expectedLayout.TotalLength)
        {
            throw new VectorFormatException(VectorField.Length, LengthOffset, $"{expectedLayout.TotalLength} values (layout {expectedLayout})", $"{header.Length} values");
        }

        if (!header.LayoutHash.Span.SequenceEqual(expectedLayout.Hash))
        {
            throw new VectorFormatException(VectorField.LayoutHash, LayoutHashOffset, Convert.ToHexStringLower(expectedLayout.Hash), Convert.ToHexStringLower(header.LayoutHash.Span));
        }

        return new EncodedVector(header, encoded[HeaderSize..]);
    }
}
