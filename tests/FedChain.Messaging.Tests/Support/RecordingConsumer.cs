using FedChain.Messages;
using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>Records every UpdateSubmitted it consumes, for tests to await.</summary>
public sealed class RecordingConsumer(MessageRecorder recorder) : IConsumer<UpdateSubmitted>
{
    public Task Consume(ConsumeContext<UpdateSubmitted> context)
    {
        recorder.Add(context.Message, context.ReceiveContext.InputAddress);
        return Task.CompletedTask;
    }
}
