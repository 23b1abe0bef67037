using FedChain.Messaging.Tests.Support;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FedChain.Messaging.Tests.Integration;

/// <summary>Builds a generic host with AddFedChainBus on RabbitMQ, the way the worker and aggregator hosts do.</summary>
internal static class BrokerHost
{
    public static IHost Build(Uri broker, string prefix, string chunkDirectory, Action<IBusRegistrationConfigurator> consumers, int retryLimit = 3)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Host"] = broker.ToString(),
            ["Bus:EndpointPrefix"] = prefix,
            ["Bus:ChunkDirectory"] = chunkDirectory,
            ["Bus:RetryLimit"] = retryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:RetryMinInterval"] = "00:00:00.050",
            ["Bus:RetryMaxInterval"] = "00:00:00.100",
            ["Bus:StartTimeout"] = "00:00:20",
        });
        builder.Services.AddSingleton<MessageRecorder>().AddSingleton<AttemptCounter>();
        builder.AddFedChainBus(consumers);
        return builder.Build();
    }
}
