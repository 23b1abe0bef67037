using System.Text;
using FedChain.Messages;
using FedChain.Messaging.Tests.Fixtures;
using FedChain.Messaging.Tests.Support;
using FedChain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace FedChain.Messaging.Tests.Integration;

[Collection(RabbitMqCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RabbitMqBusTests(RabbitMqFixture fixture) : IDisposable
{
    private readonly string _chunks = Directory.CreateTempSubdirectory("fedchain-it-chunks-").FullName;

    public void Dispose() => Directory.Delete(_chunks, recursive: true);

    [Fact]
    public async Task Publish_UpdateWithOneMiBPayload_ArrivesIntactOnADurableQueue()
    {
        using var host = BrokerHost.Build(fixture.Broker.AmqpUri, "it-small", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>());
        await host.StartAsync();
        try
        {
            var sent = SampleMessages.Update(1 << 20, seed: 41);
            await host.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

            var recorder = host.Services.GetRequiredService<MessageRecorder>();
            await recorder.WaitAsync(1, TimeSpan.FromSeconds(30));
            var got = Assert.Single(recorder.Messages);
            Assert.Equal(sent.Update, got.Update);
            Assert.Equal(sent.Signature, got.Signature);
            Assert.Equal(sent.UpdateHash, got.UpdateHash);

            var queues = await fixture.Broker.ControlAsync("list_queues", "name", "durable", "--no-table-headers");
            Assert.Contains(queues.Split('\n'), line => line.Split('\t') is ["it-small-recording", "true"]);
        }
        finally
        {
            await host.StopAsync();
            await DeleteQueuesAsync("it-small-recording");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publish_PayloadAboveBrokerLimit_IsChunkedAndReassembled()
    {
        // RabbitMQ 4's default limit; the Debian 3.10 node allows more unless told.
        await fixture.Broker.ControlAsync("eval", "application:set_env(rabbit, max_message_size, 16777216).");
        using var host = BrokerHost.Build(fixture.Broker.AmqpUri, "it-large", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>());
        await host.StartAsync();
        try
        {
            var sent = SampleMessages.Update(20 << 20, seed: 42);
            await Assert.ThrowsAnyAsync<Exception>(() => PublishRawAsync(sent.Update));

            await host.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

            var recorder = host.Services.GetRequiredService<MessageRecorder>();
            await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
            Assert.Equal(sent.Update, Assert.Single(recorder.Messages).Update);
            // The assembler drops the chunks right after the consumer returns.
            for (var i = 0; i < 50 && Directory.EnumerateFiles(_chunks, "*.chunk", SearchOption.AllDirectories).Any(); i++)
            {
                await Task.Delay(100);
            }

            Assert.Empty(Directory.EnumerateFiles(_chunks, "*.chunk", SearchOption.AllDirectories));
        }
        finally
        {
            await host.StopAsync();
            await DeleteQueuesAsync("it-large-recording");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publish_PoisonMessage_LandsInErrorQueueWithItsReasonAfterRetries()
    {
        using var host = BrokerHost.Build(fixture.Broker.AmqpUri, "it-poison", _chunks, x => x.AddFedChainConsumer<FailingConsumer>(), retryLimit: 2);
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(SampleMessages.Update(100, seed: 43, workerId: "worker-poison"));

            var faulted = await GetOneAsync("it-poison-failing_error", TimeSpan.FromSeconds(30));
            Assert.Equal(3, host.Services.GetRequiredService<AttemptCounter>().Count);
            Assert.Equal(FailingConsumer.Reason, HeaderText(faulted, "MT-Fault-Message"));
            Assert.Equal("System.IO.InvalidDataException", HeaderText(faulted, "MT-Fault-ExceptionType"));
            Assert.Equal("fault", HeaderText(faulted, "MT-Reason"));
            Assert.Equal("application/vnd.fedchain+binary", faulted.BasicProperties.ContentType);
        }
        finally
        {
            await host.StopAsync();
            await DeleteQueuesAsync("it-poison-failing", "it-poison-failing_error");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publish_WhileConsumerDownAndBrokerRestarts_MessageIsConsumedAfterwards()
    {
        // The consumer's first start declares its durable queue and bindings; then it goes away.
        using (var first = BrokerHost.Build(fixture.Broker.AmqpUri, "it-durable", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>()))
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        var sent = SampleMessages.Update(256 << 10, seed: 44);
        using (var publisher = BrokerHost.Build(fixture.Broker.AmqpUri, "it-durable-publisher", _chunks, _ => { }))
        {
            await publisher.StartAsync();
            await publisher.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);
            await publisher.StopAsync();
        }

        await fixture.Broker.StopAsync();
        await fixture.Broker.RestartAsync();
        var waiting = await fixture.Broker.ControlAsync("list_queues", "name", "messages", "--no-table-headers");
        Assert.Contains(waiting.Split('\n'), line => line.Split('\t') is ["it-durable-recording", "1"]);

        using var second = BrokerHost.Build(fixture.Broker.AmqpUri, "it-durable", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>());
        await second.StartAsync();
        try
        {
            var recorder = second.Services.GetRequiredService<MessageRecorder>();
            await recorder.WaitAsync(1, TimeSpan.FromSeconds(30));
            Assert.Equal(sent.Update, Assert.Single(recorder.Messages).Update);
        }
        finally
        {
            await second.StopAsync();
            await DeleteQueuesAsync("it-durable-recording");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publish_WhileBrokerRestarts_CompletesOnceItIsBackAndIsConsumed()
    {
        using var host = BrokerHost.Build(fixture.Broker.AmqpUri, "it-outage", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>());
        await host.StartAsync();
        try
        {
            await fixture.Broker.StopAsync();
            var sent = SampleMessages.Update(64 << 10, seed: 45);
            var publishing = host.Services.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await fixture.Broker.RestartAsync();

            await publishing.WaitAsync(TimeSpan.FromSeconds(60));
            var recorder = host.Services.GetRequiredService<MessageRecorder>();
            await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
            Assert.Equal(sent.Update, recorder.Messages.First().Update);
        }
        finally
        {
            await host.StopAsync();
            await DeleteQueuesAsync("it-outage-recording");
        }
    }

    [Fact]
    public async Task StartAsync_DeadBroker_FailsNamingTheHostAndKey()
    {
        var port = FreeTcpPort.Next();
        using var host = BrokerHost.Build(new Uri($"amqp://guest:guest@127.0.0.1:{port}/"), "it-dead", _chunks, x => x.AddFedChainConsumer<RecordingConsumer>());

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains($"RabbitMQ at amqp://127.0.0.1:{port}/ (Bus:Host) is not reachable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guest:guest", e.Message, StringComparison.Ordinal);
    }

    private static string HeaderText(BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => value?.ToString() ?? string.Empty,
            }
            : throw new Xunit.Sdk.XunitException($"header {name} is missing; headers: {string.Join(", ", message.BasicProperties.Headers?.Keys ?? [])}");

    private async Task<BasicGetResult> GetOneAsync(string queue, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = fixture.Broker.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
                {
                    return result;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The queue is declared when the first fault arrives; until then the channel closes with NOT_FOUND.
                await channel.DisposeAsync();
                return await GetOneAsync(queue, deadline - DateTime.UtcNow);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"nothing arrived on {queue} within {timeout.TotalSeconds:0} s");
    }

    private async Task PublishRawAsync(byte[] body)
    {
        var factory = new ConnectionFactory { Uri = fixture.Broker.AmqpUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync("it-large-raw", durable: false, exclusive: true, autoDelete: true);
        await channel.BasicPublishAsync(string.Empty, "it-large-raw", mandatory: true, new BasicProperties(), body);
    }

    private async Task DeleteQueuesAsync(params string[] queues)
    {
        foreach (var queue in queues)
        {
            try
            {
                await fixture.Broker.ControlAsync("delete_queue", queue);
            }
            catch (InvalidOperationException)
            {
                // Already gone (or never declared): nothing to clean.
            }
        }
    }
}
