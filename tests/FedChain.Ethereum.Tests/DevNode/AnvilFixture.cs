using FedChain.Ethereum.DevNode;

namespace FedChain.Ethereum.Tests.DevNode;

/// <summary>One real anvil per test class; a start-up failure fails the tests with the reason.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _node;
    private Exception? _startFailure;

    public static string ToolPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FedChain.sln")))
            {
                return Path.Combine(dir.FullName, "contracts", "node_modules", ".bin", name);
            }
        }
        throw new InvalidOperationException($"No FedChain.sln above {AppContext.BaseDirectory}.");
    }

    public AnvilNode Node => _node ?? throw new InvalidOperationException(
        $"anvil could not be started (binary {ToolPath("anvil")}; run `npm ci` in contracts/): {_startFailure?.Message}", _startFailure);

    public async Task InitializeAsync()
    {
        try
        {
            _node = await AnvilNode.StartAsync(new AnvilOptions { BinaryPath = ToolPath("anvil"), ChainId = 31337, Accounts = 6 });
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
