using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Serialization;

namespace FedChain.Messaging.Serialization;

/// <summary>
/// MassTransit's System.Text.Json context over a binary frame's envelope: messages are materialized lazily
/// (per requested type, as MassTransit expects) with the frame's blobs in scope.
/// </summary>
internal sealed class FedChainSerializerContext(MessageContext messageContext, MessageEnvelope envelope, BlobTable blobs, MessageBody body)
    : SystemTextJsonSerializerContext(
        SystemTextJsonMessageSerializer.Instance,
        FedChainSerializer.Options,
        FedChainSerializer.ContentType,
        messageContext,
        envelope.MessageType ?? [],
        envelope)
{
    public override bool TryGetMessage<T>(out T? message)
        where T : class
    {
        using (BlobScope.ForReading(blobs))
        {
            return base.TryGetMessage(out message);
        }
    }

    public override bool TryGetMessage(Type messageType, [NotNullWhen(true)] out object? message)
    {
        using (BlobScope.ForReading(blobs))
        {
            return base.TryGetMessage(messageType, out message);
        }
    }

    // Redelivery and forwarding resend the frame exactly as received.
    public override IMessageSerializer GetMessageSerializer() => new CopyBodySerializer(FedChainSerializer.ContentType, body);

    public override IMessageSerializer GetMessageSerializer<T>(MessageEnvelope envelope, T message) =>
        new FedChainEnvelopeSerializer(new JsonMessageEnvelope(envelope) { Message = message });

    public override IMessageSerializer GetMessageSerializer(object message, string[] messageTypes) =>
        new FedChainEnvelopeSerializer(new JsonMessageEnvelope(this, message, messageTypes));
}
