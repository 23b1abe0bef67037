using System.Collections.Concurrent;
using FedChain.Messages;

namespace FedChain.Messaging.Tests.Support;

/// <summary>A singleton list of consumed messages with a way to wait for the n-th.</summary>
public sealed class MessageRecorder
{
    private readonly ConcurrentQueue<UpdateSubmitted> _messages = new();
    private readonly ConcurrentQueue<string> _queues = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyCollection<UpdateSubmitted> Messages => _messages;

    /// <summary>The queue each message was consumed from.</summary>
    public IReadOnlyCollection<string> Queues => _queues;

    public void Add(UpdateSubmitted message, Uri inputAddress)
    {
        _messages.Enqueue(message);
        _queues.Enqueue(inputAddress.AbsolutePath.Trim('/'));
        _arrived.Release();
    }

    /// <summary>Waits until <paramref name="count"/> more messages arrived, or throws naming how many came.</summary>
    public async Task WaitAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"only {i} of {count} messages arrived within {timeout.TotalSeconds} s");
            }
        }
    }
}
