using FedChain.IntegrationTests.Fixtures;
using MassTransit;

namespace FedChain.IntegrationTests.Smoke;

/// <summary>The message MassTransit carries through the broker in the smoke test.</summary>
public sealed record SmokePing(Guid Id, string Text, byte[] Payload);

[Collection(RabbitMqCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RabbitMqSmokeTests(RabbitMqFixture fixture)
{
    [Fact]
    public async Task PublishConsume_ThroughRealRabbitMq_DeliversTheMessage()
    {
        var received = new TaskCompletionSource<SmokePing>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = $"smoke-{Guid.NewGuid():N}";
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(fixture.Broker.AmqpUri);
            cfg.ReceiveEndpoint(queue, e => e.Handler<SmokePing>(context =>
            {
                received.TrySetResult(context.Message);
                return Task.CompletedTask;
            }));
        });

        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var sent = new SmokePing(Guid.NewGuid(), "hello broker", [1, 2, 3, 250]);
            await bus.Publish(sent);

            var got = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(sent.Id, got.Id);
            Assert.Equal(sent.Text, got.Text);
            Assert.Equal(sent.Payload, got.Payload);

            // The queue exists on the real node, not in some in-process stand-in.
            var queues = await fixture.Broker.ControlAsync("list_queues", "name");
            Assert.Contains(queue, queues, StringComparison.Ordinal);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
