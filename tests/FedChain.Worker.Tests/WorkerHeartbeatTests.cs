using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Learning.Data;
using FedChain.Messages;
using FedChain.Messaging;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FedChain.Worker.Tests;

public sealed class WorkerHeartbeatTests : IDisposable
{
    private readonly EthereumKey _key = EthereumKey.FromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    private readonly KeyUpdateSigner _signer;

    public WorkerHeartbeatTests() => _signer = new KeyUpdateSigner(_key, new UpdateCommitmentSigner(31337, Address.Zero));

    public void Dispose() => _key.Dispose();

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

    [Fact]
    public async Task ExecuteAsync_PublishFaultsWhileTheBrokerIsDown_KeepsRunningAndAnnouncesOnceItIsBack()
    {
        var data = Dataset.FromArrays("test", new float[4], [0, 1], [2], 2);
        var pool = new WorkerPool([new WorkerNode("worker-1", new LocalData(data, data), _signer, NullLogger.Instance)]);
        var publisher = new FlakyPublisher(failures: 3);
        using var heartbeat = new WorkerHeartbeat(pool, publisher, Options.Create(new WorkerOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(10) }),
            TimeProvider.System, NullLogger<WorkerHeartbeat>.Instance);

        await heartbeat.StartAsync(CancellationToken.None);
        await publisher.FirstPublished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(heartbeat.ExecuteTask!.IsCompleted, "the heartbeat service ended after the broker faulted");
        await heartbeat.StopAsync(CancellationToken.None);

        lock (publisher.Published)
        {
            var published = publisher.Published[0];
            Assert.Equal("worker-1", published.WorkerId);
            // Signed by the site's key over what it announces.
            Assert.Equal(_key.Address, new HeartbeatSigner(31337, Address.Zero)
                .RecoverSigner(published.WorkerId, published.Models, published.SampleCount, published.SentAt, published.Signature));
        }
    }
}
