using System.Net.Mime;
using MassTransit;

namespace FedChain.Messaging.Serialization;

/// <summary>Registers <see cref="FedChainMessageSerializer"/> with MassTransit for <see cref="FedChainSerializer.ContentType"/>.</summary>
internal sealed class FedChainSerializerFactory : ISerializerFactory
{
    private readonly FedChainMessageSerializer _serializer = new();

    public ContentType ContentType => FedChainSerializer.ContentType;

    public IMessageSerializer CreateSerializer() => _serializer;

    public IMessageDeserializer CreateDeserializer() => _serializer;
}
