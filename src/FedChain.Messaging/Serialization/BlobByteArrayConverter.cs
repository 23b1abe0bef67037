using System.Text.Json;
using System.Text.Json.Serialization;

namespace FedChain.Messaging.Serialization;

/// <summary>
/// Writes a byte[] as the index of a raw blob appended after the JSON header (inside a <see cref="BlobScope"/>),
/// and reads it back; outside a scope it falls back to base64 so the options stay usable for plain JSON.
/// </summary>
internal sealed class BlobByteArrayConverter : JsonConverter<byte[]>
{
    public override bool HandleNull => false;

    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when BlobScope.Current?.Read is { } table => table.Get(reader.GetInt64()),
            JsonTokenType.Number => throw new JsonException("a blob reference appeared outside a FedChain binary frame"),
            JsonTokenType.String => reader.GetBytesFromBase64(),
            _ => throw new JsonException($"expected a blob reference or base64 string for byte[], got {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
    {
        if (BlobScope.Current?.Written is { } blobs)
        {
            writer.WriteNumberValue(blobs.Count);
            blobs.Add(value);
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }
}
