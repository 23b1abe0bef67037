using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Starts a run when an operator asks (through the statistics exchange first when its task standardises federatedly).</summary>
public sealed class StartRunConsumer(StatisticsExchange exchange) : IConsumer<StartRun>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<StartRun> context) => exchange.StartRunAsync(context.Message, context.CancellationToken);
}
