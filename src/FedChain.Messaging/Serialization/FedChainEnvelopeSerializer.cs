using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace FedChain.Messaging.Serialization;

/// <summary>Serializes a given envelope (refreshed from the send context) as a binary frame, for forwarded and re-sent messages.</summary>
internal sealed class FedChainEnvelopeSerializer(JsonMessageEnvelope envelope) : IMessageSerializer
{
    public ContentType ContentType => FedChainSerializer.ContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        envelope.Update(context);
        return new FrameMessageBody(() => BinaryFrame.Write(envelope, FedChainSerializer.Options));
    }
}
