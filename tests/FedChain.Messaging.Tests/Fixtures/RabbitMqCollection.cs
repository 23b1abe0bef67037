namespace FedChain.Messaging.Tests.Fixtures;

/// <summary>Tests that share one real RabbitMQ node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Messaging RabbitMQ";
}
