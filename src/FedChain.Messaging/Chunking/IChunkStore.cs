namespace FedChain.Messaging.Chunking;

/// <summary>Keeps received chunks until their message is complete; a chunk is stored before it is acknowledged.</summary>
public interface IChunkStore
{
    /// <summary>
    /// Stores chunk <paramref name="index"/> of <paramref name="count"/> of a transfer as received on <paramref name="queue"/>
    /// (several queues in one process, or on one machine, each get their own copy of a published message). Returns the reassembled,
    /// hash-checked frame when this chunk completed the set (or is the chunk that completed it, redelivered after
    /// a failure), otherwise null. A frame whose SHA-256 differs from <paramref name="messageHash"/> throws.
    /// </summary>
    Task<byte[]?> AddAsync(string queue, Guid transferId, int index, int count, long totalLength, string messageHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Marks a transfer delivered on <paramref name="queue"/>: its chunks are dropped and late duplicates are ignored.</summary>
    Task CompleteAsync(string queue, Guid transferId, CancellationToken cancellationToken);
}
