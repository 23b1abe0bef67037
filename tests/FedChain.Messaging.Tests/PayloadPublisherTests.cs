using System.Security.Cryptography;
using FedChain.Messages;
using FedChain.Messaging.Serialization;
using FedChain.Messaging.Tests.Support;

namespace FedChain.Messaging.Tests;

public sealed class PayloadPublisherTests
{
    [Fact]
    public void Split_SmallMessage_IsNotChunked() =>
        Assert.Null(PayloadPublisher.Split(SampleMessages.Update(1000), 8 << 20));

    [Fact]
    public void Split_LargeMessage_GivesOrderedHashedChunksOfTheFrame()
    {
        var message = SampleMessages.Update(3 << 20, seed: 21);

        var chunks = PayloadPublisher.Split(message, 1 << 20)!;

        Assert.Equal(4, chunks.Count); // 3 MiB of payload plus the header
        Assert.All(chunks, c => Assert.Equal(chunks[0].TransferId, c.TransferId));
        Assert.Equal(Enumerable.Range(0, 4), chunks.Select(c => c.Index));
        Assert.All(chunks, c => Assert.Equal((message.RunId, message.Round, 4), (c.RunId, c.Round, c.Count)));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(1 << 20, c.Data.Length));
        Assert.All(chunks, c => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(c.Data)), c.ChunkHash));
        var frame = chunks.SelectMany(c => c.Data).ToArray();
        Assert.Equal(chunks[0].TotalLength, frame.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(frame)), chunks[0].MessageHash);
        Assert.Equal(message.Update, FedChainSerializer.DeserializeFrame<UpdateSubmitted>(frame).Update);
    }
}
