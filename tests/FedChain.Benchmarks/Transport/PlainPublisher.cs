using FedChain.Messaging;
using MassTransit;

namespace FedChain.Benchmarks.Transport;

/// <summary>Publishes straight through MassTransit (no chunking), for the plain-JSON baseline.</summary>
public sealed class PlainPublisher(IBus bus) : IPayloadPublisher
{
    /// <inheritdoc />
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken = default)
        where T : class => bus.Publish(message, cancellationToken);

    /// <inheritdoc />
    public Task PublishAsync<T>(IPublishEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class => endpoint.Publish(message, cancellationToken);

    /// <inheritdoc />
    public Task SendAsync<T>(ISendEndpoint endpoint, T message, CancellationToken cancellationToken = default)
        where T : class => endpoint.Send(message, cancellationToken);
}
