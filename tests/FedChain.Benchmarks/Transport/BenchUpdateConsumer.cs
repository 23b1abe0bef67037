using FedChain.Messages;
using MassTransit;

namespace FedChain.Benchmarks.Transport;

/// <summary>Counts updates; MassTransit acknowledges each after this returns.</summary>
public sealed class BenchUpdateConsumer(DeliveryCounter counter) : IConsumer<UpdateSubmitted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateSubmitted> context)
    {
        counter.Delivered();
        return Task.CompletedTask;
    }
}
