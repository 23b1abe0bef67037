using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace FedChain.Messaging;

/// <summary>
/// Opens (and closes) one connection to the broker before MassTransit starts, so a dead or misconfigured broker
/// fails start-up with a message naming the host and the key, instead of MassTransit retrying silently.
/// </summary>
internal sealed class BrokerStartupCheck(IOptions<BusOptions> options, ILogger<BrokerStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bus = options.Value;
        var host = bus.RedactedHost()!;
        var (username, password) = bus.ResolveCredentials();
        var factory = new ConnectionFactory
        {
            Uri = host,
            UserName = username,
            Password = password,
            RequestedConnectionTimeout = bus.StartTimeout,
            AutomaticRecoveryEnabled = false,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bus.StartTimeout);
        try
        {
            await using var connection = await factory.CreateConnectionAsync("fedchain-startup-check", timeout.Token);
            await connection.CloseAsync(timeout.Token);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationCanceledException or IOException or AuthenticationFailureException
                                      or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"RabbitMQ at {host} ({BusOptions.SectionName}:Host) is not reachable as user '{username}' within {bus.StartTimeout.TotalSeconds:0.#} s: " +
                $"{Innermost(e).Message}", e);
        }

        logger.LogInformation("Bus: {Bus}", bus);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
