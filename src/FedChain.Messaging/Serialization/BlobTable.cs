namespace FedChain.Messaging.Serialization;

/// <summary>The raw byte sections of a received frame, addressed by their index in the message's JSON header.</summary>
internal sealed class BlobTable(ReadOnlyMemory<byte>[] blobs)
{
    /// <summary>How many blobs the frame holds.</summary>
    public int Count => blobs.Length;

    /// <summary>A fresh array holding blob <paramref name="index"/>; an index the frame does not have is an error naming both.</summary>
    public byte[] Get(long index) =>
        index >= 0 && index < blobs.Length
            ? blobs[index].ToArray()
            : throw new System.Text.Json.JsonException($"blob reference {index} is outside the frame's {blobs.Length} blobs");
}
