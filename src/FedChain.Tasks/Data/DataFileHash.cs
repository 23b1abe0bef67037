using System.Security.Cryptography;
using System.Text;

namespace FedChain.Tasks.Data;

/// <summary>
/// SHA-256 of a data set as stored: a file's bytes, or for a folder every file under it in ordinal order
/// of relative path ("/"-separated), each as its UTF-8 path, a zero byte, its length (int64 LE) and its bytes.
/// </summary>
public static class DataFileHash
{
    /// <summary>"0x" + lower-case hex SHA-256 of the file or folder at <paramref name="path"/>.</summary>
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            using var stream = File.OpenRead(path);
            return "0x" + Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        Span<byte> length = stackalloc byte[8];
        foreach (var (full, relative) in files)
        {
            var content = File.ReadAllBytes(full);
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, content.LongLength);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        return "0x" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
