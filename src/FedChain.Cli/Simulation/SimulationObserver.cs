using System.Threading.Channels;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Cli.Simulation;

/// <summary>Relays the run's events from the bus to the console: rounds committed or failed, rejections, the end.</summary>
public sealed class SimulationObserver(Channel<object> events) :
    IConsumer<RoundCommitted>, IConsumer<RoundFailed>, IConsumer<RunFinished>, IConsumer<RunFailed>, IConsumer<UpdateRejected>, IConsumer<UpdateAccepted>, IConsumer<RoundStarted>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundCommitted> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundFailed> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFinished> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFailed> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateRejected> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateAccepted> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundStarted> context) =>
        // The model bytes are not kept: the console only needs to know the round began.
        events.Writer.WriteAsync(context.Message with { GlobalModel = [] }, context.CancellationToken).AsTask();
}
