using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Takes sites' feature statistics for federated standardisation; acknowledged once verified and kept, or refused.</summary>
public sealed class FeatureStatisticsSubmittedConsumer(StatisticsExchange exchange) : IConsumer<FeatureStatisticsSubmitted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<FeatureStatisticsSubmitted> context) => exchange.SubmitAsync(context.Message, context.CancellationToken);
}
