namespace FedChain.Messaging;

/// <summary>Which transport the bus runs on.</summary>
public enum BusTransport
{
    /// <summary>In-process (tests, the one-process simulation): nothing leaves the process.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker (deployments).</summary>
    RabbitMq,
}
