using FedChain.Messages;
using MassTransit;

namespace FedChain.IntegrationTests.Federation;

/// <summary>The test's own queue on the real broker: it records what the hosts publish.</summary>
public sealed class EventObserver(EventLog log) :
    IConsumer<RoundStarted>, IConsumer<UpdateAccepted>, IConsumer<UpdateRejected>, IConsumer<RoundCommitted>, IConsumer<RoundFailed>,
    IConsumer<RunFinished>, IConsumer<RunFailed>, IConsumer<WorkerEvaluated>, IConsumer<UpdateSubmitted>,
    IConsumer<RequestFeatureStatistics>, IConsumer<FeatureStatisticsSubmitted>, IConsumer<FeatureStatisticsRejected>, IConsumer<StandardisationFixed>,
    IConsumer<RoundDeclined>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundDeclined> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RequestFeatureStatistics> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<FeatureStatisticsSubmitted> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<FeatureStatisticsRejected> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<StandardisationFixed> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundStarted> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateAccepted> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateRejected> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundCommitted> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundFailed> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFinished> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFailed> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<WorkerEvaluated> context) => Record(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateSubmitted> context) => Record(context.Message);

    private Task Record(IRunMessage message)
    {
        log.Add(message);
        return Task.CompletedTask;
    }
}
