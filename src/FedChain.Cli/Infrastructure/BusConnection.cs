using System.CommandLine;
using FedChain.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FedChain.Cli.Infrastructure;

/// <summary>The operator's connection to a deployed system's RabbitMQ (for `fedchain run ...`).</summary>
public sealed class BusConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private BusConnection(IHost host) => _host = host;

    /// <summary>--broker.</summary>
    public static Option<string> BrokerOption() => new("--broker")
    {
        Description = "amqp://user:password@host:port/ of the system's RabbitMQ (default: $FEDCHAIN_BROKER or amqp://guest:guest@127.0.0.1:5672/)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FEDCHAIN_BROKER") ?? "amqp://guest:guest@127.0.0.1:5672/",
    };

    /// <summary>The services of the connected bus.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Connects (failing with one line naming the broker when it is unreachable), registering extra consumers if given.</summary>
    public static async Task<BusConnection> ConnectAsync(string broker, Action<IBusRegistrationConfigurator>? consumers, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new CliException($"--broker '{broker}' is not an amqp:// URL", 2);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.ClearProviders();
        var userInfo = uri.UserInfo.Split(':', 2);
        var options = new BusOptions
        {
            Transport = BusTransport.RabbitMq,
            Host = new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString(),
            Username = userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest",
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest",
            StartTimeout = TimeSpan.FromSeconds(10),
        };
        builder.Services.AddFedChainBus(options, bus => consumers?.Invoke(bus));
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await host.StartAsync(timeout.Token);
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(15));
            if (host.Services.GetRequiredService<IBusControl>().CheckHealth().Status != BusHealthStatus.Healthy)
            {
                throw new CliException($"cannot reach the broker at {options.Host}");
            }
        }
        catch (Exception e) when (e is not CliException)
        {
            host.Dispose();
            throw new CliException($"cannot reach the broker at {options.Host}: {e.Message}");
        }

        return new BusConnection(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }
}
