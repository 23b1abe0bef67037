using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ethereum.DevNode;

/// <summary>
/// A local anvil node on a free loopback port, for tests and demos. Its funded dev-account keys are read
/// from anvil's own start-up output (nothing is hard-coded). Dispose stops the process.
/// </summary>
public sealed partial class AnvilNode : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string[] _privateKeys;

    private AnvilNode(Process process, ConcurrentQueue<string> output, Uri rpcUrl, long chainId, string[] privateKeys)
    {
        _process = process;
        _output = output;
        RpcUrl = rpcUrl;
        ChainId = chainId;
        _privateKeys = privateKeys;
    }

    /// <summary>The node's JSON-RPC endpoint (http://127.0.0.1:port).</summary>
    public Uri RpcUrl { get; }

    /// <summary>The chain id it serves.</summary>
    public long ChainId { get; }

    /// <summary>Number of funded dev accounts.</summary>
    public int AccountCount => _privateKeys.Length;

    /// <summary>The key of funded dev account <paramref name="index"/>.</summary>
    public EthereumKey DevAccountKey(int index)
    {
        if (index < 0 || index >= _privateKeys.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"anvil was started with {_privateKeys.Length} accounts.");
        }
        return EthereumKey.FromHex(_privateKeys[index]);
    }

    /// <summary>Starts anvil and waits until it answers eth_chainId with the configured id.</summary>
    public static async Task<AnvilNode> StartAsync(AnvilOptions options, CancellationToken ct = default)
    {
        if (Path.IsPathRooted(options.BinaryPath) && !File.Exists(options.BinaryPath))
        {
            throw new FileNotFoundException($"anvil binary not found at '{options.BinaryPath}' (run `npm ci` in contracts/ to install it).", options.BinaryPath);
        }
        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo(options.BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture),
            "--accounts", options.Accounts.ToString(CultureInfo.InvariantCulture),
            "--mnemonic", options.Mnemonic,
        })
        {
            info.ArgumentList.Add(argument);
        }
        if (options.BlockTimeSeconds is { } blockTime)
        {
            info.ArgumentList.Add("--block-time");
            info.ArgumentList.Add(blockTime.ToString(CultureInfo.InvariantCulture));
        }
        var output = new ConcurrentQueue<string>();
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"anvil at '{options.BinaryPath}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FileNotFoundException($"Cannot start anvil at '{options.BinaryPath}': {ex.Message} (run `npm ci` in contracts/ to install it).", options.BinaryPath, ex);
        }
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}/");
        var rpc = new ChainConnection(url, TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow + options.StartupTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                var exitCode = process.ExitCode;
                var log = string.Join(Environment.NewLine, output.TakeLast(20));
                process.Dispose();
                throw new InvalidOperationException($"anvil at '{options.BinaryPath}' exited with code {exitCode} during start-up on port {port}:{Environment.NewLine}{log}");
            }
            try
            {
                var chainId = await rpc.ChainIdAsync(ct).ConfigureAwait(false);
                if (chainId != options.ChainId)
                {
                    Stop(process);
                    throw new InvalidOperationException($"anvil on port {port} reports chain id {chainId}, expected {options.ChainId}.");
                }
                break;
            }
            catch (NodeUnreachableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            catch (NodeUnreachableException ex)
            {
                Stop(process);
                throw new TimeoutException($"anvil at '{options.BinaryPath}' did not answer on {url} within {options.StartupTimeout.TotalSeconds:0} s.", ex);
            }
        }
        // anvil may answer RPC before its start-up banner (with the dev keys) has reached us through the
        // asynchronous output readers: wait for the keys too, not just the port.
        string[] keys;
        while ((keys = DevKeys(output)).Length < options.Accounts && DateTime.UtcNow < deadline && !process.HasExited)
        {
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
        if (keys.Length != options.Accounts)
        {
            Stop(process);
            throw new InvalidOperationException($"anvil printed {keys.Length} dev-account private keys, expected {options.Accounts}; its output format may have changed.");
        }
        return new AnvilNode(process, output, url, options.ChainId, keys);
    }

    private static string[] DevKeys(IEnumerable<string> output) =>
        output.Select(l => PrivateKeyLine().Match(l)).Where(m => m.Success)
            .OrderBy(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Select(m => m.Groups[2].Value)
            .ToArray();

    /// <summary>The last lines anvil printed (for diagnosing a failed test).</summary>
    public string RecentOutput(int lines = 40) => string.Join(Environment.NewLine, _output.TakeLast(lines));

    /// <inheritdoc/>
    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
        process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\((\d+)\) (0x[0-9a-fA-F]{64})$")]
    private static partial Regex PrivateKeyLine();
}
