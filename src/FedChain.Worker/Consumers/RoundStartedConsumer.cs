using FedChain.Messages;
using FedChain.Messaging;
using FedChain.ServiceDefaults;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Consumers;

/// <summary>
/// When a round starts, the selected local workers train and submit their signed updates; every
/// local worker first evaluates the incoming global model (the previous round's result) on its own
/// test split and reports it.
/// </summary>
public sealed class RoundStartedConsumer(WorkerPool pool, IPayloadPublisher publisher, ILogger<RoundStartedConsumer> logger) : IConsumer<RoundStarted>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<RoundStarted> context)
    {
        var started = context.Message;
        var selected = pool.Selected(started.SelectedWorkers);
        if (selected.Count == 0)
        {
            return;
        }

        // Two at a time: the kernels use both cores already; more would only thrash the caches.
        await Parallel.ForEachAsync(selected, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = context.CancellationToken }, async (node, token) =>
        {
            UpdateSubmitted update;
            try
            {
                if (started.Round > 1)
                {
                    await publisher.PublishAsync<WorkerEvaluated>(context, node.Evaluate(started), token);
                }

                using var training = FedChainTelemetry.Source.StartActivity("fedchain.train")?
                    .SetTag("fedchain.run_id", started.RunId).SetTag("fedchain.round", started.Round).SetTag("fedchain.worker_id", node.WorkerId);
                var begun = System.Diagnostics.Stopwatch.GetTimestamp();
                update = await Task.Run(() => node.Train(started, token), token);
                FedChainTelemetry.TrainingDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(begun).TotalSeconds);
            }
            catch (RunRefusedException e)
            {
                // The site's own rules (consent, privacy terms, budget): it sends no update and says why, signed.
                logger.LogWarning("{Worker}: round {Round} of run {RunId} refused by this site: {Message}", node.WorkerId, started.Round, started.RunId, e.Message);
                await DeclineAsync(context, node, started, e.Message, token);
                return;
            }
            catch (InvalidDataException e)
            {
                // A model we cannot verify is never trained on.
                logger.LogError("{Worker}: round {Round} refused: {Message}", node.WorkerId, started.Round, e.Message);
                await DeclineAsync(context, node, started, e.Message, token);
                return;
            }
            catch (ArithmeticException e)
            {
                // Local training diverged on this round's global model: retrying the same deterministic training gives the
                // same result, so the site sends nothing. Under DP it never gets here: WorkerNode.Train sends a zero delta, noised.
                logger.LogError("{Worker}: round {Round} of run {RunId}: local training diverged, no update sent: {Message}", node.WorkerId, started.Round, started.RunId, e.Message);
                await DeclineAsync(context, node, started, "local training diverged: " + e.Message, token);
                return;
            }

            await publisher.PublishAsync(context, update, token);
        });
    }

    // Without it the aggregator would wait for this site until the round's deadline.
    private Task DeclineAsync(ConsumeContext context, WorkerNode node, RoundStarted started, string reason, CancellationToken token) =>
        publisher.PublishAsync(context, node.Decline(started, reason), token);
}
