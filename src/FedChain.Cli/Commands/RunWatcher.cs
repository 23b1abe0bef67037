using System.Threading.Channels;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Cli.Commands;

/// <summary>Relays a run's progress events to `fedchain run watch`.</summary>
public sealed class RunWatcher(Channel<IRunMessage> events) :
    IConsumer<RoundStarted>, IConsumer<UpdateAccepted>, IConsumer<UpdateRejected>, IConsumer<RoundCommitted>, IConsumer<RoundFailed>, IConsumer<RunFinished>, IConsumer<RunFailed>,
    IConsumer<RoundDeclined>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundDeclined> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundStarted> context) => events.Writer.WriteAsync(context.Message with { GlobalModel = [] }, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateAccepted> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateRejected> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundCommitted> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RoundFailed> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFinished> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();

    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunFailed> context) => events.Writer.WriteAsync(context.Message, context.CancellationToken).AsTask();
}
