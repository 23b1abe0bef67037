using FedChain.Testing;

namespace FedChain.IntegrationTests.Fixtures;

/// <summary>One real anvil node for every test in the "Anvil" collection.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilTestNode? _node;

    /// <summary>The running node; starting it failed loudly if this throws.</summary>
    public AnvilTestNode Node => _node ?? throw new InvalidOperationException("the anvil fixture did not start");

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await AnvilTestNode.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
