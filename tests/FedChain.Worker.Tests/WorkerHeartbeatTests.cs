using FedChain.Learning.Data;
using FedChain.Messages;
using FedChain.Messaging;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FedChain.Worker.Tests;

public sealed class WorkerHeartbeatTests
{
    // A broker that faults the first publishes, as MassTransit's publish does when the connection drops mid-call.
    private sealed class FlakyPublisher(int failures) : IPayloadPublisher
    {
        private int _calls;

        public List<WorkerAvailable> Published { get; } = [];

        public TaskCompletionSource FirstPublished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PublishAsync<T>(T message, CancellationToken cancellationToken = default)
            where T : class
        {
            if (Interlocked.Increment(ref _calls) <= failures)
            {
                throw new InvalidOperationException("broker unreachable");
            }

            lock (Published)
            {
                Published.Add((WorkerAvailable)(object)message);
            }

            FirstPublished.TrySetResult();
            return Task.CompletedTask;
        }

        public Task PublishAsync<T>(IPublishEndpoint endpoint, T message, CancellationToken cancellationToken = default)
            where T : class => PublishAsync(message, cancellationToken);

        public Task SendAsync<T>(ISendEndpoint endpoint, T message, CancellationToken cancellationToken = default)
            where T : class => throw new NotSupportedException();
    }

    private sealed class AddressOnlySigner : IUpdateSigner
    {
        public string Address => "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

        public byte[] Sign(byte[] runId, int round, byte[] baseModelHash, byte[] updateHash, long numSamples, uint epsilonMicros) => throw new NotSupportedException();

        public byte[] SignConsent(byte[] runId, byte[] specHash) => throw new NotSupportedException();

        public byte[] SignStatistics(byte[] runId, byte[] taskHash, byte[] statisticsHash) => throw new NotSupportedException();

        public byte[] SignDecline(byte[] runId, int round, byte[] reasonHash) => throw new NotSupportedException();

        public ulong SecretSeed(ReadOnlySpan<byte> context) => throw new NotSupportedException();
    }

    [Fact]
    public async Task ExecuteAsync_PublishFaultsWhileTheBrokerIsDown_KeepsRunningAndAnnouncesOnceItIsBack()
    {
        var data = Dataset.FromArrays("test", new float[4], [0, 1], [2], 2);
        var pool = new WorkerPool([new WorkerNode("worker-1", new LocalData(data, data), new AddressOnlySigner(), NullLogger.Instance)]);
        var publisher = new FlakyPublisher(failures: 3);
        using var heartbeat = new WorkerHeartbeat(pool, publisher, Options.Create(new WorkerOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(10) }),
            TimeProvider.System, NullLogger<WorkerHeartbeat>.Instance);

        await heartbeat.StartAsync(CancellationToken.None);
        await publisher.FirstPublished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(heartbeat.ExecuteTask!.IsCompleted, "the heartbeat service ended after the broker faulted");
        await heartbeat.StopAsync(CancellationToken.None);

        lock (publisher.Published)
        {
            Assert.Equal("worker-1", publisher.Published[0].WorkerId);
        }
    }
}
