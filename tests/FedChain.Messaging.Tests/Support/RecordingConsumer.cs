using System.Collections.Concurrent;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>Records every UpdateSubmitted it consumes, for tests to await.</summary>
public sealed class RecordingConsumer(MessageRecorder recorder) : IConsumer<UpdateSubmitted>
{
    public Task Consume(ConsumeContext<UpdateSubmitted> context)
    {
        recorder.Add(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>A singleton list of consumed messages with a way to wait for the n-th.</summary>
public sealed class MessageRecorder
{
    private readonly ConcurrentQueue<UpdateSubmitted> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyCollection<UpdateSubmitted> Messages => _messages;

    public void Add(UpdateSubmitted message)
    {
        _messages.Enqueue(message);
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
