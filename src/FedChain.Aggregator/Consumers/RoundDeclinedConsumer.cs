using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Takes sites' signed declines of a round, so the round stops waiting for them; acknowledged once verified and recorded, or refused.</summary>
public sealed class RoundDeclinedConsumer(RunCoordinator coordinator) : IConsumer<RoundDeclined>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundDeclined> context) => coordinator.DeclineAsync(context.Message, context.CancellationToken);
}
