using System.Reflection;
using System.Security.Cryptography;
using FedChain.Messages;
using FedChain.Messaging.Chunking;
using FedChain.Messaging.Serialization;
using MassTransit;
using Microsoft.Extensions.Options;

namespace FedChain.Messaging;

/// <summary>The <see cref="IPayloadPublisher"/> the bus registers.</summary>
public sealed class PayloadPublisher(IBus bus, IOptions<BusOptions> options) : IPayloadPublisher
{
    // Messages whose byte arrays are well below the chunk size are published without measuring their frame.
    private const int HeaderAllowance = 1 << 20;

    private readonly int _chunkSize = options.Value.ChunkSizeBytes;

    /// <inheritdoc />
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken = default)
        where T : class => PublishAsync(bus, message, cancellationToken);

    /// <inheritdoc />
    public async Task PublishAsync<T>(IPublishEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var chunks = Split(message, _chunkSize);
        if (chunks is null)
        {
            await endpoint.Publish(message, cancellationToken);
            return;
        }

        foreach (var chunk in chunks)
        {
            await endpoint.Publish(chunk, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task SendAsync<T>(ISendEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var chunks = Split(message, _chunkSize);
        if (chunks is null)
        {
            await endpoint.Send(message, cancellationToken);
            return;
        }

        foreach (var chunk in chunks)
        {
            await endpoint.Send(chunk, cancellationToken);
        }
    }

    /// <summary>The chunks of <paramref name="message"/>'s frame, or null when it fits in one broker message of <paramref name="chunkSize"/> bytes.</summary>
    public static IReadOnlyList<MessageChunk<T>>? Split<T>(T message, int chunkSize)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (ByteArrayLength(message) + HeaderAllowance <= chunkSize)
        {
            return null;
        }

        var frame = FedChainSerializer.SerializeFrame(message);
        if (frame.Length <= chunkSize)
        {
            return null;
        }

        var (runId, round) = message is IRunMessage run ? (run.RunId, run.Round) : (RunIds.None, 0);
        var transferId = NewId.NextGuid();
        var messageHash = Convert.ToHexStringLower(SHA256.HashData(frame));
        var count = (int)((frame.LongLength + chunkSize - 1) / chunkSize);
        var chunks = new MessageChunk<T>[count];
        for (var i = 0; i < count; i++)
        {
            var data = frame.AsSpan(i * chunkSize, Math.Min(chunkSize, frame.Length - (i * chunkSize))).ToArray();
            chunks[i] = new MessageChunk<T>(
                runId, round, transferId, i, count, frame.LongLength, messageHash, Convert.ToHexStringLower(SHA256.HashData(data)), data);
        }

        return chunks;
    }

    private static long ByteArrayLength<T>(T message)
        where T : class
    {
        long total = 0;
        foreach (var property in ByteArrayProperties<T>.All)
        {
            total += (property.GetValue(message) as byte[])?.LongLength ?? 0;
        }

        return total;
    }

    private static class ByteArrayProperties<T>
    {
        public static readonly PropertyInfo[] All = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(byte[]) && p.GetIndexParameters().Length == 0)
            .ToArray();
    }
}
