using System.Security.Cryptography;
using FedChain.Messaging.Serialization;
using MassTransit;
using MassTransit.Context;

namespace FedChain.Messaging.Chunking;

/// <summary>
/// Consumes <see cref="MessageChunk{TMessage}"/> on <typeparamref name="TConsumer"/>'s queue: checks each chunk's
/// hash, stores it, and when the set is complete hands the reassembled message to <typeparamref name="TConsumer"/>.
/// </summary>
/// <typeparam name="TConsumer">The consumer the whole message goes to.</typeparam>
/// <typeparam name="TMessage">The chunked message's type.</typeparam>
public sealed class ChunkAssembler<TConsumer, TMessage>(TConsumer consumer, IChunkStore store) : IConsumer<MessageChunk<TMessage>>
    where TConsumer : class, IConsumer<TMessage>
    where TMessage : class
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<MessageChunk<TMessage>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chunk = context.Message;
        var actual = Convert.ToHexStringLower(SHA256.HashData(chunk.Data));
        if (!string.Equals(actual, chunk.ChunkHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"chunk {chunk.Index} of {chunk.Count} of {typeof(TMessage).Name} transfer {chunk.TransferId} is corrupt: " +
                $"SHA-256 {actual}, expected {chunk.ChunkHash}");
        }

        var queue = context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');
        var frame = await store.AddAsync(
            queue,
            chunk.TransferId, chunk.Index, chunk.Count, chunk.TotalLength, chunk.MessageHash, chunk.Data, context.CancellationToken);
        if (frame is null)
        {
            return;
        }

        var message = FedChainSerializer.DeserializeFrame<TMessage>(frame);
        await consumer.Consume(new MessageConsumeContext<TMessage>(context, message));
        await store.CompleteAsync(queue, chunk.TransferId, context.CancellationToken);
    }
}
