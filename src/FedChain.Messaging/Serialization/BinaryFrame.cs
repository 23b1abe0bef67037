using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text.Json;

namespace FedChain.Messaging.Serialization;

/// <summary>
/// The wire layout of <see cref="FedChainSerializer.ContentType"/>: "FCB1", a little-endian int32 header
/// length, the UTF-8 JSON header (MassTransit's envelope, byte arrays replaced by blob indices), an int32
/// blob count, one int64 length per blob, then the blobs' raw bytes back to back.
/// </summary>
internal static class BinaryFrame
{
    private static ReadOnlySpan<byte> Magic => "FCB1"u8;

    /// <summary>Serializes <paramref name="value"/> with its byte arrays moved out of the JSON into raw blobs.</summary>
    public static byte[] Write<T>(T value, JsonSerializerOptions options)
    {
        var blobs = new List<byte[]>();
        byte[] header;
        using (BlobScope.ForWriting(blobs))
        {
            header = JsonSerializer.SerializeToUtf8Bytes(value, options);
        }

        long blobBytes = 0;
        foreach (var blob in blobs)
        {
            blobBytes += blob.Length;
        }

        var total = 4L + 4 + header.Length + 4 + (8L * blobs.Count) + blobBytes;
        if (total > Array.MaxLength)
        {
            throw new SerializationException($"a message of {total} bytes exceeds the largest array .NET can hold");
        }

        var frame = GC.AllocateUninitializedArray<byte>((int)total);
        var span = frame.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], header.Length);
        header.CopyTo(span[8..]);
        var at = 8 + header.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], blobs.Count);
        at += 4;
        foreach (var blob in blobs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], blob.Length);
            at += 8;
        }

        foreach (var blob in blobs)
        {
            blob.CopyTo(span[at..]);
            at += blob.Length;
        }

        return frame;
    }

    /// <summary>Splits a frame into its JSON header and blob table; a malformed frame names the offset and what was expected.</summary>
    public static (ReadOnlyMemory<byte> Header, BlobTable Blobs) Read(ReadOnlyMemory<byte> frame)
    {
        var span = frame.Span;
        if (span.Length < 12 || !span[..4].SequenceEqual(Magic))
        {
            throw new SerializationException($"not a FedChain binary frame: expected magic \"FCB1\" at offset 0 of a {span.Length}-byte body");
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (headerLength < 0 || 8L + headerLength + 4 > span.Length)
        {
            throw new SerializationException($"frame header length {headerLength} at offset 4 exceeds the {span.Length}-byte body");
        }

        var at = 8 + headerLength;
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        if (count < 0 || at + (8L * count) > span.Length)
        {
            throw new SerializationException($"frame blob count {count} at offset {at - 4} does not fit the {span.Length}-byte body");
        }

        var lengths = new long[count];
        for (var i = 0; i < count; i++, at += 8)
        {
            lengths[i] = BinaryPrimitives.ReadInt64LittleEndian(span[at..]);
        }

        var blobs = new ReadOnlyMemory<byte>[count];
        long offset = at;
        for (var i = 0; i < count; i++)
        {
            if (lengths[i] < 0 || offset + lengths[i] > span.Length)
            {
                throw new SerializationException(
                    $"frame blob {i} of {lengths[i]} bytes at offset {offset} runs past the {span.Length}-byte body");
            }

            blobs[i] = frame.Slice((int)offset, (int)lengths[i]);
            offset += lengths[i];
        }

        if (offset != span.Length)
        {
            throw new SerializationException($"frame has {span.Length - offset} trailing bytes after its last blob at offset {offset}");
        }

        return (frame.Slice(8, headerLength), new BlobTable(blobs));
    }

    /// <summary>Reads a value written by <see cref="Write{T}"/>.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> frame, JsonSerializerOptions options)
    {
        var (header, blobs) = Read(frame);
        using (BlobScope.ForReading(blobs))
        {
            return JsonSerializer.Deserialize<T>(header.Span, options)
                   ?? throw new SerializationException($"frame header holds null where a {typeof(T).Name} was expected");
        }
    }
}
