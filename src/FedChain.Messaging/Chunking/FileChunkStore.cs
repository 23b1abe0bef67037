using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace FedChain.Messaging.Chunking;

/// <summary>
/// A chunk store on disk: one directory per transfer, one file per chunk (written to a temporary name, then
/// renamed, so a crash never leaves a torn chunk). Chunks acknowledged before a crash are still there after it.
/// One process owns a directory; competing consumers in other processes need their own.
/// </summary>
public sealed class FileChunkStore : IChunkStore
{
    private const string DoneMarker = "done";
    private const string CompleterFile = "completer";
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly string _root;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Uses <paramref name="directory"/> (default: a "fedchain-chunks" folder in the temp directory); transfers older than 7 days are removed.</summary>
    public FileChunkStore(string? directory)
    {
        _root = directory ?? Path.Combine(Path.GetTempPath(), "fedchain-chunks");
        Directory.CreateDirectory(_root);
        foreach (var stale in new DirectoryInfo(_root).EnumerateDirectories("*", SearchOption.AllDirectories)
                     .Where(d => d.Name.Length == 32 && d.LastWriteTimeUtc < DateTime.UtcNow - Retention)
                     .ToList())
        {
            stale.Delete(recursive: true);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> AddAsync(
        string queue, Guid transferId, int index, int count, long totalLength, string messageHash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new InvalidDataException($"transfer {transferId}: chunk index {index} is outside 0..{count - 1}");
        }

        var directory = TransferDirectory(queue, transferId);
        var gate = _locks.GetOrAdd(directory, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(Path.Combine(directory, DoneMarker)))
            {
                return null;
            }

            Directory.CreateDirectory(directory);
            var path = ChunkPath(directory, index);
            var isNew = !File.Exists(path);
            if (isNew)
            {
                var temporary = path + ".tmp";
                await File.WriteAllBytesAsync(temporary, data, cancellationToken);
                File.Move(temporary, path, overwrite: true);
            }

            var completer = Path.Combine(directory, CompleterFile);
            if (File.Exists(completer))
            {
                // Only the chunk that completed the set dispatches again (its redelivery after a failed consumer).
                var completedBy = int.Parse(await File.ReadAllTextAsync(completer, cancellationToken), CultureInfo.InvariantCulture);
                return completedBy == index ? await AssembleAsync(directory, transferId, count, totalLength, messageHash, cancellationToken) : null;
            }

            for (var i = 0; i < count; i++)
            {
                if (!File.Exists(ChunkPath(directory, i)))
                {
                    return null;
                }
            }

            await File.WriteAllTextAsync(completer, index.ToString(CultureInfo.InvariantCulture), cancellationToken);
            return await AssembleAsync(directory, transferId, count, totalLength, messageHash, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string queue, Guid transferId, CancellationToken cancellationToken)
    {
        var directory = TransferDirectory(queue, transferId);
        var gate = _locks.GetOrAdd(directory, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var file in Directory.EnumerateFiles(directory))
            {
                File.Delete(file);
            }

            await File.WriteAllTextAsync(Path.Combine(directory, DoneMarker), string.Empty, cancellationToken);
        }
        finally
        {
            gate.Release();
            _locks.TryRemove(directory, out _);
        }
    }

    private string TransferDirectory(string queue, Guid transferId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        var safeQueue = string.Concat(queue.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(_root, safeQueue, transferId.ToString("N"));
    }

    private static string ChunkPath(string directory, int index) =>
        Path.Combine(directory, index.ToString("D6", CultureInfo.InvariantCulture) + ".chunk");

    private static async Task<byte[]> AssembleAsync(
        string directory, Guid transferId, int count, long totalLength, string messageHash, CancellationToken cancellationToken)
    {
        if (totalLength is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"transfer {transferId}: total length {totalLength} is not a valid frame length");
        }

        var frame = GC.AllocateUninitializedArray<byte>((int)totalLength);
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var path = ChunkPath(directory, i);
            var length = new FileInfo(path).Length;
            if (at + length > totalLength)
            {
                throw new InvalidDataException($"transfer {transferId}: chunks up to {i} hold more than the declared {totalLength} bytes");
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await stream.ReadExactlyAsync(frame.AsMemory(at, (int)length), cancellationToken);
            at += (int)length;
        }

        if (at != totalLength)
        {
            throw new InvalidDataException($"transfer {transferId}: {count} chunks hold {at} bytes, expected {totalLength}");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(frame));
        return string.Equals(actual, messageHash, StringComparison.OrdinalIgnoreCase)
            ? frame
            : throw new InvalidDataException($"transfer {transferId}: reassembled SHA-256 {actual} does not match the declared {messageHash}");
    }
}
