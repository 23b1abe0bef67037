using FedChain.Aggregator.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator;

/// <summary>
/// Resumes persisted runs at start-up (after reconciling with the chain), then wakes the
/// statistics exchange and the coordinator on a short interval so deadlines close rounds even when no message arrives.
/// </summary>
public sealed class RoundClock(RunCoordinator coordinator, StatisticsExchange statistics, IOptions<AggregatorOptions> options, ILogger<RoundClock> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await coordinator.ResumeAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.TickInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await statistics.TickAsync(stoppingToken);
                await coordinator.TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed commit (node down, revert) is logged and retried on the next tick: the round stays prepared.
                logger.LogError(e, "round processing failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
