using FedChain.Messages;
using FedChain.Messaging.Serialization;
using FedChain.Messaging.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FedChain.Messaging.Tests;

/// <summary>The bus on the in-memory transport under MassTransit's test harness.</summary>
public sealed class BusHarnessTests : IDisposable
{
    private readonly string _chunks = Directory.CreateTempSubdirectory("fedchain-harness-chunks-").FullName;

    public void Dispose() => Directory.Delete(_chunks, recursive: true);

    [Fact]
    public async Task Publish_Update_ConsumedAsBinaryFrameWithPayloadIntact()
    {
        await using var provider = Build(x => x.AddFedChainConsumer<RecordingConsumer>());
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sent = SampleMessages.Update(50_000, seed: 31);

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

        await provider.GetRequiredService<MessageRecorder>().WaitAsync(1, TimeSpan.FromSeconds(60));
        Assert.True(await harness.Consumed.Any<UpdateSubmitted>());
        var consumed = harness.Consumed.Select<UpdateSubmitted>().Single();
        Assert.Equal(FedChainSerializer.ContentType.MediaType, consumed.Context.ReceiveContext.ContentType?.MediaType);
        Assert.Equal(sent.Update, consumed.Context.Message.Update);
        Assert.Equal("fedchain-recording", Assert.Single(provider.GetRequiredService<MessageRecorder>().Queues));
    }

    [Fact]
    public async Task Publish_UpdateLargerThanChunkSize_ReassembledForTheConsumer()
    {
        await using var provider = Build(x => x.AddFedChainConsumer<RecordingConsumer>(), new BusOptions { ChunkSizeBytes = 64 << 10, ChunkDirectory = _chunks });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sent = SampleMessages.Update(300_000, seed: 32);

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

        var recorder = provider.GetRequiredService<MessageRecorder>();
        await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
        Assert.Equal(sent.Update, Assert.Single(recorder.Messages).Update);
        Assert.Equal("fedchain-recording", Assert.Single(recorder.Queues));
        Assert.Equal(5, harness.Published.Select<FedChain.Messaging.Chunking.MessageChunk<UpdateSubmitted>>().Count());
        Assert.False(await harness.Published.Any<UpdateSubmitted>(), "the whole message never went over the transport");
    }

    [Fact]
    public async Task Publish_ConsumerWithInstanceIds_EveryInstanceGetsItsOwnCopy()
    {
        await using var provider = Build(x =>
        {
            x.AddFedChainConsumer<RecordingConsumer>("worker-a");
            x.AddFedChainConsumer<InstanceRecordingConsumer>("worker-b");
        });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(SampleMessages.Update(10, seed: 33));

        var recorder = provider.GetRequiredService<MessageRecorder>();
        await recorder.WaitAsync(2, TimeSpan.FromSeconds(60));
        Assert.Equal(["fedchain-instance-recording-worker-b", "fedchain-recording-worker-a"], recorder.Queues.Order());
    }

    [Fact]
    public async Task Publish_ChunkedToConsumersWithInstanceIds_EachInstanceReassemblesOnItsOwnQueue()
    {
        await using var provider = Build(
            x =>
            {
                x.AddFedChainConsumer<RecordingConsumer>("worker-a");
                x.AddFedChainConsumer<InstanceRecordingConsumer>("worker-b");
            },
            new BusOptions { ChunkSizeBytes = 64 << 10, ChunkDirectory = _chunks });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sent = SampleMessages.Update(150_000, seed: 38);

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

        var recorder = provider.GetRequiredService<MessageRecorder>();
        await recorder.WaitAsync(2, TimeSpan.FromSeconds(60));
        Assert.All(recorder.Messages, m => Assert.Equal(sent.Update, m.Update));
        Assert.Equal(["fedchain-instance-recording-worker-b", "fedchain-recording-worker-a"], recorder.Queues.Order());
    }

    [Fact]
    public async Task Publish_AlwaysFailingConsumer_RetriedUpToTheLimitThenFaulted()
    {
        await using var provider = Build(
            x => x.AddFedChainConsumer<FailingConsumer>(),
            new BusOptions { RetryLimit = 2, RetryMinInterval = TimeSpan.FromMilliseconds(10), RetryMaxInterval = TimeSpan.FromMilliseconds(20) });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(SampleMessages.Update(10, seed: 34, workerId: "worker-poison"));

        Assert.True(await harness.Published.Any<Fault<UpdateSubmitted>>());
        var fault = harness.Published.Select<Fault<UpdateSubmitted>>().Single().Context.Message;
        Assert.Equal(FailingConsumer.Reason, Assert.Single(fault.Exceptions).Message);
        Assert.Equal("worker-poison", fault.Message.WorkerId);
        Assert.Equal(3, provider.GetRequiredService<AttemptCounter>().Count);
    }

    [Fact]
    public async Task Publish_ConsumerWithDefinition_ChunksStillReachItsQueue()
    {
        await using var provider = Build(
            x => x.AddFedChainConsumer<RecordingConsumer, RecordingConsumerDefinition>("worker-d"),
            new BusOptions { ChunkSizeBytes = 64 << 10, ChunkDirectory = _chunks });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sent = SampleMessages.Update(150_000, seed: 37);

        await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

        var recorder = provider.GetRequiredService<MessageRecorder>();
        await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
        Assert.Equal(sent.Update, Assert.Single(recorder.Messages).Update);
        Assert.Equal("fedchain-recording-worker-d", Assert.Single(recorder.Queues));
    }

    [Fact]
    public async Task Publish_ChunksInReverseOrder_ReassembledForTheConsumer()
    {
        await using var provider = Build(x => x.AddFedChainConsumer<RecordingConsumer>());
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var sent = SampleMessages.Update(200_000, seed: 35);
        var chunks = PayloadPublisher.Split(sent, 50_000)!;

        foreach (var chunk in chunks.Reverse())
        {
            await harness.Bus.Publish(chunk);
        }

        var recorder = provider.GetRequiredService<MessageRecorder>();
        await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
        Assert.Equal(sent.Update, Assert.Single(recorder.Messages).Update);
    }

    [Fact]
    public async Task Publish_CorruptedChunk_FaultsNamingTheChunkAndNeverDelivers()
    {
        await using var provider = Build(x => x.AddFedChainConsumer<RecordingConsumer>(), new BusOptions { RetryLimit = 0, ChunkDirectory = _chunks });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var chunks = PayloadPublisher.Split(SampleMessages.Update(200_000, seed: 36), 50_000)!;
        chunks[2].Data[100] ^= 0x01;

        foreach (var chunk in chunks)
        {
            await harness.Bus.Publish(chunk);
        }

        Assert.True(await harness.Published.Any<Fault<FedChain.Messaging.Chunking.MessageChunk<UpdateSubmitted>>>());
        var fault = harness.Published.Select<Fault<FedChain.Messaging.Chunking.MessageChunk<UpdateSubmitted>>>().Single().Context.Message;
        Assert.StartsWith($"chunk 2 of {chunks.Count} of UpdateSubmitted transfer {chunks[0].TransferId} is corrupt", fault.Exceptions[0].Message, StringComparison.Ordinal);
        Assert.True(await harness.Consumed.Any<FedChain.Messaging.Chunking.MessageChunk<UpdateSubmitted>>(m => m.Context.Message.Index == chunks.Count - 1));
        Assert.Empty(provider.GetRequiredService<MessageRecorder>().Messages);
    }

    [Fact]
    public async Task GetResponse_RunStatusRequested_ReturnsTheRunStatus()
    {
        await using var provider = Build(x =>
        {
            x.AddFedChainConsumer<RunStatusConsumer>();
            x.AddRequestClient<RunStatusRequested>();
        });
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        using var scope = provider.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<RunStatusRequested>>();

        var response = await client.GetResponse<RunStatus>(new RunStatusRequested(SampleMessages.RunId, 0));

        Assert.Equal(SampleMessages.RunId, response.Message.RunId);
        Assert.Equal((3, RunState.Running, 2), (response.Message.Round, response.Message.State, response.Message.CommittedRounds));
        Assert.Equal(new EvaluationMetrics(0.93, 0.21, 10_000), response.Message.LatestMetrics);
        Assert.Equal(["worker-1", "worker-2"], response.Message.AvailableWorkers);
    }

    private ServiceProvider Build(Action<IBusRegistrationConfigurator> consumers, BusOptions? options = null) =>
        new ServiceCollection()
            .AddSingleton<MessageRecorder>()
            .AddSingleton<AttemptCounter>()
            .AddFedChainBusTestHarness(consumers, options ?? new BusOptions { ChunkDirectory = _chunks })
            // Generous waits: the machine is shared; the harness only waits this long when something is missing.
            .Configure<TestHarnessOptions>(o =>
            {
                o.TestTimeout = TimeSpan.FromSeconds(60);
                o.TestInactivityTimeout = TimeSpan.FromSeconds(3);
            })
            .BuildServiceProvider(true);
}
