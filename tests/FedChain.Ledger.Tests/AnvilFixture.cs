using FedChain.Ethereum.DevNode;

namespace FedChain.Ledger.Tests;

/// <summary>One real anvil per test class. Start-up failures fail the tests (never skip them).</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _node;
    private Exception? _startFailure;

    public AnvilNode Node => _node ?? throw new InvalidOperationException(
        $"anvil could not be started for the integration tests (binary {RepoRoot.Tool("anvil")}; run `npm ci` in contracts/): {_startFailure?.Message}", _startFailure);

    public async Task InitializeAsync()
    {
        try
        {
            _node = await AnvilNode.StartAsync(new AnvilOptions { BinaryPath = RepoRoot.Tool("anvil"), ChainId = 31337, Accounts = 10 });
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or TimeoutException)
        {
            _startFailure = ex;
        }
    }

    public Task DisposeAsync()
    {
        _node?.Dispose();
        return Task.CompletedTask;
    }
}
