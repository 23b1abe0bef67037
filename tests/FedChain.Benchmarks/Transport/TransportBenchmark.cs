using System.Diagnostics;
using System.Globalization;
using FedChain.Messages;
using FedChain.Messaging;
using FedChain.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FedChain.Benchmarks.Transport;

/// <summary>
/// Update payloads through FedChain.Messaging over RabbitMQ: persistent messages, publisher confirms, consumer
/// acknowledgements, publishes awaited one after another, like the raw RabbitMQ.Client peer in ../shared/bench/rawmq.
/// </summary>
public sealed class TransportBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "transport";

    /// <inheritdoc />
    public string Usage => "transport --count 20 --size-mib 4 [--broker amqp://guest:guest@127.0.0.1:5672/] [--prefetch 4] [--repeat 1] [--serializer fedchain-binary|masstransit-json]";

    /// <inheritdoc />
    public async Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var count = options.GetInt("count", 20);
        var sizeMiB = options.GetDouble("size-mib", 4);
        var prefetch = options.GetInt("prefetch", 4);
        var repeat = options.GetInt("repeat", 1);
        var serializer = options.GetString("serializer", "fedchain-binary");
        if (serializer is not ("fedchain-binary" or "masstransit-json"))
        {
            throw new ArgumentException($"--serializer expects fedchain-binary or masstransit-json, got '{serializer}'");
        }

        if (count < 1 || sizeMiB <= 0 || prefetch < 1 || repeat < 1)
        {
            throw new ArgumentException($"--count ({count}), --size-mib ({sizeMiB}), --prefetch ({prefetch}) and --repeat ({repeat}) must be positive");
        }

        var brokerOption = options.GetString("broker", string.Empty);
        await using var ownBroker = brokerOption.Length == 0 ? await RabbitMqBroker.StartAsync() : null;
        var broker = ownBroker?.AmqpUri ?? new Uri(brokerOption);

        var chunks = Directory.CreateTempSubdirectory("fedchain-bench-chunks-").FullName;
        var counter = new DeliveryCounter();
        using var host = serializer == "fedchain-binary" ? BuildHost(broker, prefetch, chunks, counter) : BuildPlainHost(broker, prefetch, counter);
        await host.StartAsync(cancellationToken);
        try
        {
            var publisher = serializer == "fedchain-binary"
                ? host.Services.GetRequiredService<IPayloadPublisher>()
                : new PlainPublisher(host.Services.GetRequiredService<IBus>());
            var payload = new byte[(int)(sizeMiB * (1 << 20))];
            new Random(1).NextBytes(payload);

            // One message first: topology, connections and JIT are set up before the clock starts, as in the peer.
            await MeasureAsync(publisher, counter, payload, 1, cancellationToken);
            for (var r = 0; r < repeat; r++)
            {
                var seconds = await MeasureAsync(publisher, counter, payload, count, cancellationToken);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{{\"bench\": \"transport\", \"serializer\": \"{serializer}\", \"count\": {count}, \"size_mib\": {sizeMiB}, \"prefetch\": {prefetch}, " +
                    $"\"seconds\": {seconds:F4}, \"mib_per_s\": {count * sizeMiB / seconds:F1}}}"));
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            Directory.Delete(chunks, recursive: true);
            await DeleteQueueAsync(broker, serializer == "fedchain-binary" ? "bench-bench-update" : "plain-bench-update");
        }
    }

    private static async Task<double> MeasureAsync(IPayloadPublisher publisher, DeliveryCounter counter, byte[] payload, int count, CancellationToken cancellationToken)
    {
        var done = counter.Expect(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(Update(payload, i), cancellationToken);
        }

        await done.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        return clock.Elapsed.TotalSeconds;
    }

    private static UpdateSubmitted Update(byte[] payload, int round) =>
        new(
            "0x00000000000000000000000000000000000000000000000000000000000000be",
            round + 1,
            "bench-worker",
            "0x00000000000000000000000000000000000000be",
            "0x" + new string('0', 64),
            payload,
            "0x" + new string('1', 64),
            new byte[65],
            1000,
            new LocalTrainingMetrics(0.1, 0.9, 100, 1));

    // A durable queue left bound to the UpdateSubmitted exchange would receive (and store) every later run's messages.
    private static async Task DeleteQueueAsync(Uri broker, string queue)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }

    // MassTransit as it comes: System.Text.Json envelope, byte[] as base64; the baseline FedChain's serializer improves on.
    private static IHost BuildPlainHost(Uri broker, int prefetch, DeliveryCounter counter)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(counter);
        builder.Services.AddMassTransit(x =>
        {
            x.AddConsumer<BenchUpdateConsumer>();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("plain", includeNamespace: false));
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker);
                cfg.PrefetchCount = prefetch;
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder.Build();
    }

    private static IHost BuildHost(Uri broker, int prefetch, string chunks, DeliveryCounter counter)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:Host"] = broker.ToString(),
            ["Bus:EndpointPrefix"] = "bench",
            ["Bus:Prefetch"] = prefetch.ToString(CultureInfo.InvariantCulture),
            ["Bus:ChunkDirectory"] = chunks,
        });
        builder.Services.AddSingleton(counter);
        builder.AddFedChainBus(x => x.AddFedChainConsumer<BenchUpdateConsumer>());
        return builder.Build();
    }
}
