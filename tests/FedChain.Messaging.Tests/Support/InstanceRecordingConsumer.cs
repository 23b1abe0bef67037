using FedChain.Messages;
using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>A second consumer type, registered under two instance ids to show each instance gets its own queue.</summary>
public sealed class InstanceRecordingConsumer(MessageRecorder recorder) : IConsumer<UpdateSubmitted>
{
    public Task Consume(ConsumeContext<UpdateSubmitted> context)
    {
        recorder.Add(context.Message, context.ReceiveContext.InputAddress);
        return Task.CompletedTask;
    }
}
