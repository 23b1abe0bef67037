using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace FedChain.Messaging.Serialization;

/// <summary>
/// The bus's message format: MassTransit's JSON envelope with every byte[] carried raw after it instead of as
/// base64 (content type "application/vnd.fedchain+binary"). Plain MassTransit JSON is still accepted on receive.
/// </summary>
public static class FedChainSerializer
{
    /// <summary>The content type of FedChain binary frames.</summary>
    public static readonly ContentType ContentType = new("application/vnd.fedchain+binary");

    /// <summary>MassTransit's System.Text.Json settings plus the blob converter, compact.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Makes the binary frame the bus's serializer and adds it to the deserializers.</summary>
    public static void Configure(IBusFactoryConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        var factory = new FedChainSerializerFactory();
        configurator.AddSerializer(factory);
        configurator.AddDeserializer(factory);
    }

    /// <summary>Serializes a value (with its byte arrays as raw blobs) to a standalone frame, e.g. for a chunked message.</summary>
    public static byte[] SerializeFrame<T>(T value) => BinaryFrame.Write(value, Options);

    /// <summary>Reads a value written by <see cref="SerializeFrame{T}"/>.</summary>
    public static T DeserializeFrame<T>(ReadOnlyMemory<byte> frame) => BinaryFrame.Read<T>(frame, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options) { WriteIndented = false };
        options.Converters.Insert(0, new BlobByteArrayConverter());
        return options;
    }
}
