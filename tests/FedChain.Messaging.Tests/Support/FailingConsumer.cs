using FedChain.Messages;
using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>Always fails, counting its attempts: a poison message for retry and error-queue tests.</summary>
public sealed class FailingConsumer(AttemptCounter counter) : IConsumer<UpdateSubmitted>
{
    public const string Reason = "update from worker-poison cannot be decoded";

    public Task Consume(ConsumeContext<UpdateSubmitted> context)
    {
        counter.Increment();
        throw new InvalidDataException(Reason);
    }
}
