namespace FedChain.IntegrationTests.Fixtures;

/// <summary>Tests that run the deployed system (hosts in their own processes) on a real broker and a real chain.</summary>
[CollectionDefinition(Name)]
public sealed class FederationCollection : ICollectionFixture<RabbitMqFixture>, ICollectionFixture<AnvilFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Federation";
}
