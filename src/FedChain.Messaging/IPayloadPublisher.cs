using MassTransit;

namespace FedChain.Messaging;

/// <summary>
/// Publishes or sends messages, splitting any whose serialized size exceeds Bus:ChunkSizeBytes into ordered,
/// hashed <see cref="Chunking.MessageChunk{TMessage}"/> messages that the receiving queue reassembles. Use it for
/// every message that can carry a model or an update; small messages pass through unchanged.
/// </summary>
public interface IPayloadPublisher
{
    /// <summary>Publishes on the bus.</summary>
    Task PublishAsync<T>(T message, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Publishes through <paramref name="endpoint"/> (inside a consumer pass its ConsumeContext, so the conversation is kept).</summary>
    Task PublishAsync<T>(IPublishEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Sends to one queue.</summary>
    Task SendAsync<T>(ISendEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class;
}
