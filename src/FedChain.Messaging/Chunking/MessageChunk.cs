namespace FedChain.Messaging.Chunking;

/// <summary>
/// One ordered piece of a <typeparamref name="TMessage"/> too large for one broker message: a slice of the
/// message's binary frame. Routed like its message (one exchange per message type), reassembled on the consumer's queue.
/// </summary>
/// <typeparam name="TMessage">The chunked message's type.</typeparam>
/// <param name="RunId">The chunked message's run id (<see cref="Messages.RunIds.None"/> if it has none).</param>
/// <param name="Round">The chunked message's round (0 if it has none).</param>
/// <param name="TransferId">Identifies the chunked message; all its chunks share it.</param>
/// <param name="Index">This chunk's position, 0-based.</param>
/// <param name="Count">How many chunks the message was split into.</param>
/// <param name="TotalLength">The whole frame's length in bytes.</param>
/// <param name="MessageHash">SHA-256 of the whole frame, lowercase hex: checked after reassembly.</param>
/// <param name="ChunkHash">SHA-256 of <paramref name="Data"/>, lowercase hex: checked on arrival.</param>
/// <param name="Data">The slice of the frame.</param>
public sealed record MessageChunk<TMessage>(
    string RunId,
    int Round,
    Guid TransferId,
    int Index,
    int Count,
    long TotalLength,
    string MessageHash,
    string ChunkHash,
    byte[] Data)
    where TMessage : class;
