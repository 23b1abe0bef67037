using System.Security.Cryptography;
using FedChain.Messaging.Chunking;
using FedChain.Messaging.Tests.Support;

namespace FedChain.Messaging.Tests.Chunking;

public sealed class FileChunkStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-chunk-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AddAsync_ChunksOutOfOrder_ReturnsFrameOnlyWhenTheLastArrives()
    {
        var store = new FileChunkStore(_directory);
        var frame = SampleMessages.Bytes(10_000, 11);
        var id = Guid.NewGuid();
        var hash = Hex(frame);
        var pieces = Split(frame, 3000);

        Assert.Null(await store.AddAsync("queue-a", id, 3, 4, frame.Length, hash, pieces[3], CancellationToken.None));
        Assert.Null(await store.AddAsync("queue-a", id, 0, 4, frame.Length, hash, pieces[0], CancellationToken.None));
        Assert.Null(await store.AddAsync("queue-a", id, 2, 4, frame.Length, hash, pieces[2], CancellationToken.None));
        var whole = await store.AddAsync("queue-a", id, 1, 4, frame.Length, hash, pieces[1], CancellationToken.None);

        Assert.Equal(frame, whole);
    }

    [Fact]
    public async Task AddAsync_DuplicateChunk_DoesNotDispatchTwice()
    {
        var store = new FileChunkStore(_directory);
        var frame = SampleMessages.Bytes(5000, 12);
        var id = Guid.NewGuid();
        var pieces = Split(frame, 2500);

        Assert.Null(await store.AddAsync("queue-a", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None));
        Assert.NotNull(await store.AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));
        // A redelivered non-completing chunk while the message is being consumed: no second dispatch.
        Assert.Null(await store.AddAsync("queue-a", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None));
        // The completing chunk redelivered after a failed consumer dispatches again.
        Assert.NotNull(await store.AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));

        await store.CompleteAsync("queue-a", id, CancellationToken.None);
        Assert.Null(await store.AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_CorruptedChunk_ThrowsNamingTransferAndHashes()
    {
        var store = new FileChunkStore(_directory);
        var frame = SampleMessages.Bytes(6000, 13);
        var id = Guid.NewGuid();
        var pieces = Split(frame, 3000);
        pieces[1][17] ^= 0xFF;

        await store.AddAsync("queue-a", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None);
        var e = await Assert.ThrowsAsync<InvalidDataException>(
            () => store.AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));

        Assert.Contains(id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains($"does not match the declared {Hex(frame)}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_ChunksSurviveANewStoreOnTheSameDirectory()
    {
        var frame = SampleMessages.Bytes(4000, 14);
        var id = Guid.NewGuid();
        var pieces = Split(frame, 2000);

        await new FileChunkStore(_directory).AddAsync("queue-a", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None);
        var whole = await new FileChunkStore(_directory).AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None);

        Assert.Equal(frame, whole);
    }

    [Fact]
    public async Task AddAsync_SameTransferOnTwoQueues_EachQueueReassemblesItsOwnCopy()
    {
        var store = new FileChunkStore(_directory);
        var frame = SampleMessages.Bytes(4000, 15);
        var id = Guid.NewGuid();
        var pieces = Split(frame, 2000);

        Assert.Null(await store.AddAsync("queue-a", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None));
        Assert.Null(await store.AddAsync("queue-b", id, 0, 2, frame.Length, Hex(frame), pieces[0], CancellationToken.None));
        Assert.Equal(frame, await store.AddAsync("queue-a", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));
        await store.CompleteAsync("queue-a", id, CancellationToken.None);

        Assert.Equal(frame, await store.AddAsync("queue-b", id, 1, 2, frame.Length, Hex(frame), pieces[1], CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_IndexOutsideCount_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(
            () => new FileChunkStore(_directory).AddAsync("queue-a", Guid.NewGuid(), 2, 2, 10, "00", new byte[1], CancellationToken.None));
        Assert.Contains("chunk index 2 is outside 0..1", e.Message, StringComparison.Ordinal);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[][] Split(byte[] frame, int size) => frame.Chunk(size).ToArray();
}
