using FedChain.Ethereum.DevNode;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Fixtures;

/// <summary>One real anvil node for every test in the "Anvil" collection.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _node;

    /// <summary>The running node; starting it failed loudly if this throws.</summary>
    public AnvilNode Node => _node ?? throw new InvalidOperationException("the anvil fixture did not start");

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await TestChain.StartAsync();

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _node?.Dispose();
        return Task.CompletedTask;
    }
}
