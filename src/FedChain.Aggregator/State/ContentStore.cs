using System.Security.Cryptography;

namespace FedChain.Aggregator.State;

/// <summary>
/// Content-addressed files (models, update payloads) named by their SHA-256. A blob is written to a
/// temporary file, flushed to disk and renamed, so a crash leaves either the whole blob or nothing.
/// </summary>
public sealed class ContentStore
{
    private readonly string _root;

    /// <summary>Opens (creating if needed) a store under <paramref name="root"/>.</summary>
    public ContentStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    /// <summary>Stores <paramref name="content"/> and returns its SHA-256 (lower-case hex, no prefix).</summary>
    public string Put(ReadOnlySpan<byte> content)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        Write(hash, content);
        return hash;
    }

    /// <summary>Stores content whose hash the caller already verified; rejects a mismatch.</summary>
    public void PutVerified(string sha256Hex, ReadOnlySpan<byte> content)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, Normalize(sha256Hex), StringComparison.Ordinal))
        {
            throw new InvalidDataException($"content hash {actual} does not match the expected {sha256Hex}");
        }

        Write(actual, content);
    }

    /// <summary>True when a blob with this hash is stored.</summary>
    public bool Contains(string sha256Hex) => File.Exists(PathOf(Normalize(sha256Hex)));

    /// <summary>Reads a blob back and checks it still hashes to its name (detects disk corruption).</summary>
    public byte[] Get(string sha256Hex)
    {
        var hash = Normalize(sha256Hex);
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no stored content with hash {hash} under {_root}", path);
        }

        var content = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        return actual == hash
            ? content
            : throw new InvalidDataException($"stored content {path} is corrupt: it hashes to {actual}");
    }

    private static string Normalize(string sha256Hex)
    {
        var hex = sha256Hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? sha256Hex[2..] : sha256Hex;
        return hex.Length == 64 && hex.All(Uri.IsHexDigit)
            ? hex.ToLowerInvariant()
            : throw new ArgumentException($"'{sha256Hex}' is not a SHA-256 hash (64 hex digits)", nameof(sha256Hex));
    }

    private string PathOf(string hash) => Path.Combine(_root, hash[..2], hash);

    private void Write(string hash, ReadOnlySpan<byte> content)
    {
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            return; // same name, same bytes: content addressing makes the write idempotent
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
