using FedChain.Testing;

namespace FedChain.Messaging.Tests.Fixtures;

/// <summary>One real RabbitMQ node for every test in the "RabbitMQ" collection.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private RabbitMqBroker? _broker;

    /// <summary>The running broker; starting it failed loudly if this throws.</summary>
    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("the broker fixture did not start");

    /// <inheritdoc />
    public async Task InitializeAsync() => _broker = await RabbitMqBroker.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
