using System.Diagnostics;

namespace FedChain.Testing;

/// <summary>A real anvil (Foundry's local EVM node) from the pinned npm toolchain, on a free loopback port.</summary>
public sealed class AnvilTestNode : IAsyncDisposable
{
    /// <summary>The chain id the test node runs with.</summary>
    public const long ChainId = 31337;

    private readonly Process _process;

    private AnvilTestNode(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The JSON-RPC port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri RpcUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts anvil and waits until it answers; fails with a message naming the binary when it cannot.</summary>
    public static async Task<AnvilTestNode> StartAsync()
    {
        var binary = RepositoryRoot.Combine("contracts", "node_modules", ".bin", "anvil");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"anvil is not installed at {binary}. Run ./test.sh, or `npm ci` in contracts/.");
        }

        var port = FreeTcpPort.Next();
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new AnvilTestNode(process, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with code {process.ExitCode} while starting on port {port}");
            }

            if (FreeTcpPort.IsListening(port))
            {
                return node;
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"anvil did not listen on 127.0.0.1:{port} within 30 s");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
