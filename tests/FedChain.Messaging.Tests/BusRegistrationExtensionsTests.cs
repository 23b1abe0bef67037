using FedChain.Messages;
using FedChain.Messaging.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FedChain.Messaging.Tests;

public sealed class BusRegistrationExtensionsTests : IDisposable
{
    private readonly string _chunks = Directory.CreateTempSubdirectory("fedchain-chunks-").FullName;

    public void Dispose() => Directory.Delete(_chunks, recursive: true);

    [Fact]
    public async Task AddFedChainBus_InMemory_DeliversUpdateWithPayloadIntact()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:ChunkDirectory"] = _chunks,
        }).Build();
        await using var provider = new ServiceCollection()
            .AddSingleton<MessageRecorder>()
            .AddFedChainBus(configuration, x => x.AddFedChainConsumer<RecordingConsumer>())
            .BuildServiceProvider(true);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(TestContext.Current);
        try
        {
            var sent = SampleMessages.Update(100_000, seed: 7);
            await provider.GetRequiredService<IPayloadPublisher>().PublishAsync(sent);

            var recorder = provider.GetRequiredService<MessageRecorder>();
            await recorder.WaitAsync(1, TimeSpan.FromSeconds(60));
            var got = Assert.Single(recorder.Messages);
            Assert.Equal(sent.Update, got.Update);
            Assert.Equal(sent.Signature, got.Signature);
            Assert.Equal(sent with { Update = got.Update, Signature = got.Signature }, got);
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
