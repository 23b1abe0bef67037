using System.Net.Mime;
using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace FedChain.Messaging.Serialization;

/// <summary>Writes and reads FedChain binary frames holding MassTransit's standard envelope.</summary>
internal sealed class FedChainMessageSerializer : IMessageSerializer, IMessageDeserializer
{
    public ContentType ContentType => FedChainSerializer.ContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class =>
        new FrameMessageBody(() => BinaryFrame.Write(
            new JsonMessageEnvelope(context, context.Message),
            FedChainSerializer.Options));

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("fedchain-binary");
        scope.Add("contentType", ContentType.MediaType);
    }

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        var bytes = body.GetBytes();
        try
        {
            var (header, blobs) = BinaryFrame.Read(bytes);
            var envelope = JsonSerializer.Deserialize<JsonMessageEnvelope>(header.Span, FedChainSerializer.Options)
                           ?? throw new SerializationException("FedChain binary frame has no message envelope");
            var messageContext = new EnvelopeMessageContext(envelope, SystemTextJsonMessageSerializer.Instance);
            return new FedChainSerializerContext(messageContext, envelope, blobs, new FrameMessageBody(bytes));
        }
        catch (JsonException e)
        {
            throw new SerializationException($"FedChain binary frame header is not a valid envelope: {e.Message}", e);
        }
    }

    public MessageBody GetMessageBody(string text) => new FrameMessageBody(Convert.FromBase64String(text));
}
