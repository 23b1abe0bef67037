using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>
/// Takes workers' updates. The message is acknowledged only when this returns, which is after the
/// update was validated and persisted (or rejected), so a crash never loses an accepted update.
/// </summary>
public sealed class UpdateSubmittedConsumer(RunCoordinator coordinator) : IConsumer<UpdateSubmitted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateSubmitted> context) => coordinator.SubmitAsync(context.Message, context.CancellationToken);
}
