using System.Diagnostics;

namespace FedChain.Testing;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server) on a free loopback port with its own data
/// directory, so tests get a real broker they may stop and restart without touching any other.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(180);

    private readonly string _home;
    private readonly Dictionary<string, string> _environment;
    private Process? _server;

    private RabbitMqBroker(int port, int distributionPort, string home)
    {
        Port = port;
        _home = home;
        // The run tag lets test.sh clean up nodes a crashed test host left behind.
        var tag = Environment.GetEnvironmentVariable("FEDCHAIN_TEST_RUN_TAG") ?? "test";
        NodeName = $"fedchain-{tag}-{port}@localhost";
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[].");
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = home, // the Erlang cookie lives here, shared by server and rabbitmqctl
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(home, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(home, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(home, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(home, "rabbitmq"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The Erlang node name, for rabbitmqctl.</summary>
    public string NodeName { get; }

    /// <summary>The connection URI with the default guest account (loopback only).</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>Starts a fresh node and waits until it accepts connections; fails with a clear message otherwise.</summary>
    public static async Task<RabbitMqBroker> StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException(
                $"RabbitMQ is not installed ({ServerScript} is missing). Run ./test.sh, which installs it with apt, " +
                "or `apt-get install -y rabbitmq-server`.");
        }

        var home = Directory.CreateTempSubdirectory("fedchain-rabbitmq-").FullName;
        var broker = new RabbitMqBroker(FreeTcpPort.Next(), FreeTcpPort.Next(), home);
        await broker.StartServerAsync();
        return broker;
    }

    /// <summary>Stops the node gracefully (durable queues and persistent messages stay on disk).</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        await ProcessRunner.RunAsync(ControlScript, ["-n", NodeName, "stop"], _environment, TimeSpan.FromSeconds(60));
        if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
        _server = null;
    }

    /// <summary>Starts the node again on the same port and data directory after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync() => _server is null ? StartServerAsync() : throw new InvalidOperationException("the broker is running; stop it first");

    /// <summary>Runs rabbitmqctl against this node (e.g. list_queues) and returns its output.</summary>
    public async Task<string> ControlAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(ControlScript, ["-n", NodeName, .. arguments], _environment, TimeSpan.FromSeconds(60));
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception) when (_server is not null)
        {
            _server.Kill(entireProcessTree: true);
        }

        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being flushed is not worth failing a test run for.
        }
    }

    private async Task StartServerAsync()
    {
        var start = new ProcessStartInfo(ServerScript)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _home,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ServerScript}");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartupLimit;
        while (DateTime.UtcNow < deadline)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException(
                    $"rabbitmq-server exited with code {_server.ExitCode} while starting on port {Port}; see logs in {Path.Combine(_home, "log")}");
            }

            try
            {
                var probe = await ProcessRunner.RunAsync(ControlScript, ["-n", NodeName, "await_startup", "--timeout", "5"], _environment, TimeSpan.FromSeconds(30));
                if (probe.ExitCode == 0 && FreeTcpPort.IsListening(Port))
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                // On a loaded machine the Erlang CLI itself can take this long to start: ask again.
            }

            await Task.Delay(500);
        }

        _server.Kill(entireProcessTree: true);
        throw new TimeoutException($"RabbitMQ did not accept connections on 127.0.0.1:{Port} within {StartupLimit.TotalSeconds} s; logs in {Path.Combine(_home, "log")}");
    }
}
