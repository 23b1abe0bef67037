namespace FedChain.Messaging.Serialization;

/// <summary>
/// The byte arrays of the message being (de)serialized on this thread. System.Text.Json runs a converter
/// synchronously on the caller's thread, so a thread-static scope hands the converter its blob table
/// without per-call serializer options (which would defeat System.Text.Json's metadata cache).
/// </summary>
internal sealed class BlobScope : IDisposable
{
    [ThreadStatic]
    private static BlobScope? _current;

    private readonly BlobScope? _outer;

    private BlobScope(List<byte[]>? written, BlobTable? read)
    {
        Written = written;
        Read = read;
        _outer = _current;
        _current = this;
    }

    /// <summary>The scope active on this thread, if any.</summary>
    public static BlobScope? Current => _current;

    /// <summary>Blobs collected while writing (null while reading).</summary>
    public List<byte[]>? Written { get; }

    /// <summary>Blobs to resolve while reading (null while writing).</summary>
    public BlobTable? Read { get; }

    /// <summary>Starts collecting blobs for a message being written.</summary>
    public static BlobScope ForWriting(List<byte[]> blobs) => new(blobs, null);

    /// <summary>Makes a frame's blobs resolvable for a message being read.</summary>
    public static BlobScope ForReading(BlobTable blobs) => new(null, blobs);

    /// <inheritdoc />
    public void Dispose() => _current = _outer;
}
