using FedChain.Messages;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Consumers;

/// <summary>Answers a run's federated standardisation request for each asked local worker: its signed feature statistics, never rows.</summary>
public sealed class RequestFeatureStatisticsConsumer(WorkerPool pool, ILogger<RequestFeatureStatisticsConsumer> logger) : IConsumer<RequestFeatureStatistics>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<RequestFeatureStatistics> context)
    {
        foreach (var node in pool.Selected(context.Message.SelectedWorkers))
        {
            FeatureStatisticsSubmitted? report;
            try
            {
                report = node.Statistics(context.Message);
            }
            catch (InvalidDataException e)
            {
                // The aggregator sees no report from this site by the deadline and fixes the standardisation without it.
                logger.LogError("{Worker}: no feature statistics for run {RunId}: {Message}", node.WorkerId, context.Message.RunId, e.Message);
                continue;
            }

            if (report is not null)
            {
                await context.Publish(report, context.CancellationToken);
            }
        }
    }
}
