using FedChain.Aggregator.Runs;
using FedChain.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedChain.Aggregator.Tests.Runs;

public sealed class RunEventOutboxTests
{
    // A broker that refuses every publish while it is down, as MassTransit's publish faults during an outage.
    private sealed class Broker
    {
        public bool Down { get; set; }

        public List<(object Message, Type Type)> Taken { get; } = [];

        public int Refused { get; private set; }

        public Task Publish(object message, Type type, CancellationToken cancellationToken)
        {
            if (Down)
            {
                Refused++;
                throw new InvalidOperationException("broker unreachable");
            }

            Taken.Add((message, type));
            return Task.CompletedTask;
        }
    }

    private static RunFinished Finished(string run) => new(run, 3, "0xmodel", new EvaluationMetrics(0.9, 0.1, 100));

    [Fact]
    public async Task PublishAsync_BrokerUp_PublishesAtOnceWithTheDeclaredType()
    {
        var broker = new Broker();
        var outbox = new RunEventOutbox(broker.Publish, NullLogger.Instance);

        await outbox.PublishAsync<IRunMessage>(Finished("a"), CancellationToken.None);

        Assert.Equal(0, outbox.Held);
        Assert.Equal(typeof(IRunMessage), Assert.Single(broker.Taken).Type);
    }

    [Fact]
    public async Task PublishAsync_BrokerDown_HoldsEventsWithoutThrowing_FlushPublishesThemInOrderOnRecovery()
    {
        var broker = new Broker { Down = true };
        var outbox = new RunEventOutbox(broker.Publish, NullLogger.Instance);
        var committed = new RoundFailed("a", 3, "quorum missed", 1);
        var finished = Finished("a");

        await outbox.PublishAsync(committed, CancellationToken.None);
        await outbox.PublishAsync(finished, CancellationToken.None);
        await outbox.FlushAsync(CancellationToken.None);

        Assert.Equal(2, outbox.Held);
        Assert.Empty(broker.Taken);
        Assert.Equal(3, broker.Refused);

        broker.Down = false;
        await outbox.FlushAsync(CancellationToken.None);

        Assert.Equal(0, outbox.Held);
        Assert.Equal([(object)committed, finished], broker.Taken.Select(t => t.Message).ToArray());
        Assert.Equal([typeof(RoundFailed), typeof(RunFinished)], broker.Taken.Select(t => t.Type).ToArray());
    }

    [Fact]
    public async Task PublishAsync_EventsHeld_ANewEventWaitsBehindThem()
    {
        var broker = new Broker { Down = true };
        var outbox = new RunEventOutbox(broker.Publish, NullLogger.Instance);
        await outbox.PublishAsync(Finished("first"), CancellationToken.None);

        broker.Down = false;
        await outbox.PublishAsync(Finished("second"), CancellationToken.None);

        Assert.Equal(["first", "second"], broker.Taken.Select(t => ((RunFinished)t.Message).RunId).ToArray());
    }

    [Fact]
    public async Task FlushAsync_Cancelled_ThrowsAndKeepsTheEvent()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var outbox = new RunEventOutbox((_, _, token) => Task.FromCanceled(token), NullLogger.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outbox.PublishAsync(Finished("a"), cancelled.Token));

        Assert.Equal(1, outbox.Held);
    }
}
