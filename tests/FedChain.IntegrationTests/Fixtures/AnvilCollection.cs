namespace FedChain.IntegrationTests.Fixtures;

/// <summary>Tests that share one real anvil node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Anvil";
}
