using MassTransit;

namespace FedChain.Messaging.Serialization;

/// <summary>A message body built once on first use (MassTransit may ask for it more than once, e.g. on retry).</summary>
internal sealed class FrameMessageBody(Func<byte[]> build) : MessageBody
{
    private byte[]? _bytes;

    public FrameMessageBody(byte[] bytes)
        : this(() => bytes) => _bytes = bytes;

    public long? Length => GetBytes().Length;

    public Stream GetStream() => new MemoryStream(GetBytes(), writable: false);

    public byte[] GetBytes() => _bytes ??= build();

    // Transports that need text get base64, which GetMessageBody(string) reverses.
    public string GetString() => Convert.ToBase64String(GetBytes());
}
