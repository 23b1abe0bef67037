using System.Runtime.Serialization;
using FedChain.Messages;
using FedChain.Messaging.Serialization;
using FedChain.Messaging.Tests.Support;

namespace FedChain.Messaging.Tests.Serialization;

public sealed class FedChainSerializerTests
{
    [Fact]
    public void SerializeFrame_Update_RoundTripsEveryField()
    {
        var sent = SampleMessages.Update(4096, seed: 3);

        var got = FedChainSerializer.DeserializeFrame<UpdateSubmitted>(FedChainSerializer.SerializeFrame(sent));

        Assert.Equal(sent.Update, got.Update);
        Assert.Equal(sent.Signature, got.Signature);
        Assert.Equal(sent with { Update = got.Update, Signature = got.Signature }, got);
    }

    [Fact]
    public void SerializeFrame_LargePayload_CarriesBytesRawNotBase64()
    {
        var sent = SampleMessages.Update(1 << 20, seed: 4);

        var frame = FedChainSerializer.SerializeFrame(sent);

        // Base64 would need 4/3 of the payload; raw blobs add only the small JSON header and the length table.
        Assert.InRange(frame.Length, (1 << 20) + 65, (1 << 20) + 2048);
        Assert.True(frame.AsSpan().IndexOf(sent.Update) > 0, "the payload bytes appear verbatim in the frame");
    }

    [Fact]
    public void SerializeFrame_RoundStartedWithNestedRecords_RoundTrips()
    {
        var sent = new RoundStarted(
            SampleMessages.RunId,
            2,
            "mlp",
            "0x" + new string('1', 64),
            SampleMessages.Bytes(10_000, 5),
            "0x" + new string('2', 64),
            new TrainingPlan(1, 10, 0.05, 42, new Dictionary<string, string> { ["mu"] = "0.01" }),
            new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero),
            ["worker-1", "worker-2"]) { Engine = "native" };

        var got = FedChainSerializer.DeserializeFrame<RoundStarted>(FedChainSerializer.SerializeFrame(sent));

        Assert.Equal("native", got.Engine);

        Assert.Equal(sent.GlobalModel, got.GlobalModel);
        Assert.Equal(sent.SelectedWorkers, got.SelectedWorkers);
        Assert.Equal("0.01", got.Plan.Parameters["mu"]);
        Assert.Equal(sent.Plan.Seed, got.Plan.Seed);
        Assert.Equal(sent.Deadline, got.Deadline);
    }

    [Fact]
    public void DeserializeFrame_EmptyPayload_StaysEmpty()
    {
        var sent = SampleMessages.Update(0, seed: 5);

        var got = FedChainSerializer.DeserializeFrame<UpdateSubmitted>(FedChainSerializer.SerializeFrame(sent));

        Assert.Empty(got.Update);
    }

    [Fact]
    public void DeserializeFrame_WrongMagic_NamesOffsetZero()
    {
        var frame = FedChainSerializer.SerializeFrame(SampleMessages.Update(16));
        frame[0] = (byte)'X';

        var e = Assert.Throws<SerializationException>(() => FedChainSerializer.DeserializeFrame<UpdateSubmitted>(frame));
        Assert.Contains("magic \"FCB1\" at offset 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeFrame_Truncated_NamesTheBlobAndOffset()
    {
        var frame = FedChainSerializer.SerializeFrame(SampleMessages.Update(1000));

        var e = Assert.Throws<SerializationException>(() => FedChainSerializer.DeserializeFrame<UpdateSubmitted>(frame.AsMemory(0, frame.Length - 10)));
        Assert.Contains("blob 1 of 65 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("runs past the", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeserializeFrame_TrailingBytes_AreAnError()
    {
        var frame = FedChainSerializer.SerializeFrame(SampleMessages.Update(100));
        var longer = frame.Concat(new byte[3]).ToArray();

        var e = Assert.Throws<SerializationException>(() => FedChainSerializer.DeserializeFrame<UpdateSubmitted>(longer));
        Assert.Contains("3 trailing bytes", e.Message, StringComparison.Ordinal);
    }
}
