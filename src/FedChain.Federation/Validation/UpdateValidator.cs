using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedChain.Federation.Encoding;
using FedChain.Federation.Numerics;
using FedChain.Learning;

namespace FedChain.Federation.Validation;

/// <summary>
/// Checks updates for one open round: cheap identity checks first, then the content hash, the header,
/// finiteness and the norm. Thread-safe: concurrent submissions from one client cannot both pass
/// (the first reserves the client until it is rejected or <see cref="Release"/>d).
/// </summary>
public sealed class UpdateValidator
{
    private readonly HashSet<string> _selected;
    private readonly ConcurrentDictionary<string, byte> _accepted = new(StringComparer.Ordinal);

    /// <summary>Creates the validator for round <paramref name="round"/> of run <paramref name="runId"/>.</summary>
    /// <param name="runId">The run updates must name.</param>
    /// <param name="round">The open round.</param>
    /// <param name="layout">The model layout updates must be encoded for.</param>
    /// <param name="selectedClients">The clients sampled for this round.</param>
    /// <param name="maxNorm">Updates with a larger L2 norm are rejected; null disables the bound.</param>
    public UpdateValidator(string runId, long round, ParameterLayout layout, IEnumerable<string> selectedClients, double? maxNorm = null)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(selectedClients);
        if (maxNorm is { } bound && !(bound > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "the norm bound must be positive");
        }

        RunId = runId;
        Round = round;
        Layout = layout;
        MaxNorm = maxNorm;
        _selected = new HashSet<string>(selectedClients, StringComparer.Ordinal);
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The round.</summary>
    public long Round { get; }

    /// <summary>The expected layout.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The norm bound, if any.</summary>
    public double? MaxNorm { get; }

    /// <summary>Clients whose update has been accepted (or is being checked right now).</summary>
    public IReadOnlyCollection<string> AcceptedClients => _accepted.Keys.ToArray();

    /// <summary>Runs every check; on acceptance the client is recorded so a second update is a duplicate.</summary>
    public UpdateValidationResult Validate(IncomingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var client = update.ClientId;
        if (!string.Equals(update.RunId, RunId, StringComparison.Ordinal))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.WrongRun, $"run '{update.RunId}' is not the open run '{RunId}'");
        }

        if (update.Round != Round)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.WrongRound, $"round {update.Round} is not the open round {Round}");
        }

        if (!_selected.Contains(client))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.NotSelected, $"client '{client}' was not selected for round {Round}");
        }

        if (update.NumSamples <= 0)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.InvalidSampleCount, $"sample count must be positive, got {update.NumSamples}");
        }

        if (!_accepted.TryAdd(client, 0))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.Duplicate, $"client '{client}' already has an update in round {Round}");
        }

        var result = CheckContent(update);
        if (!result.IsAccepted)
        {
            _accepted.TryRemove(client, out _);
        }

        return result;
    }

    /// <summary>Forgets an accepted client (e.g. its update could not be persisted), so it may submit again.</summary>
    public bool Release(string clientId) => _accepted.TryRemove(clientId, out _);

    private UpdateValidationResult CheckContent(IncomingUpdate update)
    {
        var client = update.ClientId;
        if (update.ClaimedHash.Length != VectorEncoding.HashSize)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.HashMismatch, $"claimed hash is {update.ClaimedHash.Length} bytes, expected {VectorEncoding.HashSize}");
        }

        VectorHeader header;
        try
        {
            header = VectorEncoding.ReadHeader(update.Payload.Span);
        }
        catch (VectorFormatException e)
        {
            // A header damaged in transit is a hash mismatch; one the sender signed is malformed.
            return HashMatches(update, out var message)
                ? UpdateValidationResult.Reject(client, UpdateRejectionReason.MalformedEncoding, e.Message)
                : UpdateValidationResult.Reject(client, UpdateRejectionReason.HashMismatch, message);
        }

        var sumOfSquares = HashAndSumOfSquares(update.Payload.Span, out var actualHash);
        if (!CryptographicOperations.FixedTimeEquals(actualHash, update.ClaimedHash.Span))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.HashMismatch, MismatchMessage(update, actualHash));
        }

        if (header.Kind != PayloadKind.Update)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.MalformedEncoding, $"payload is a {header.Kind}, expected an update");
        }

        if (header.Length != Layout.TotalLength)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.WrongDimension, $"update has {header.Length} values, the model ({Layout}) has {Layout.TotalLength}");
        }

        if (!header.LayoutHash.Span.SequenceEqual(Layout.Hash))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.WrongLayout,
                $"layout hash {Convert.ToHexStringLower(header.LayoutHash.Span)} is not the model's {Convert.ToHexStringLower(Layout.Hash)}");
        }

        var vector = VectorEncoding.Decode(update.Payload, Layout, PayloadKind.Update);
        if (!double.IsFinite(sumOfSquares))
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.NonFinite, $"update has a NaN or infinite value (first at index {IndexOfNonFinite(vector.Values)})");
        }

        var norm = Math.Sqrt(sumOfSquares);
        if (MaxNorm is { } bound && norm > bound)
        {
            return UpdateValidationResult.Reject(client, UpdateRejectionReason.NormAboveBound, $"update L2 norm {norm:G6} exceeds the bound {bound:G6}");
        }

        return new UpdateValidationResult(client, null, "accepted", vector, norm);
    }

    /// <summary>
    /// SHA-256 of the whole buffer and the float64 sum of squares of its payload, in one pass of
    /// 64 KiB chunks: the vectorised sum pulls each chunk into L2 with many loads in flight, then
    /// SHA-256 (a serial dependency chain that cannot run ahead to its own loads) reads it from cache.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double HashAndSumOfSquares(ReadOnlySpan<byte> encoded, out byte[] hash)
    {
        const int chunk = 64 * 1024;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(encoded[..VectorEncoding.HeaderSize]);
        var payload = encoded[VectorEncoding.HeaderSize..];
        var sum = 0.0;
        for (var offset = 0; offset < payload.Length; offset += chunk)
        {
            var part = payload.Slice(offset, Math.Min(chunk, payload.Length - offset));
            sum += VectorMath.SumOfSquaresSerial(BitConverter.IsLittleEndian ? MemoryMarshal.Cast<byte, float>(part) : LittleEndianCopy(part));
            sha.AppendData(part);
        }

        hash = sha.GetHashAndReset();
        return sum;
    }

    private static float[] LittleEndianCopy(ReadOnlySpan<byte> part)
    {
        var values = new float[part.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(part[(i * sizeof(float))..]);
        }

        return values;
    }

    private static bool HashMatches(IncomingUpdate update, out string message)
    {
        Span<byte> actual = stackalloc byte[VectorEncoding.HashSize];
        SHA256.HashData(update.Payload.Span, actual);
        message = MismatchMessage(update, actual);
        return CryptographicOperations.FixedTimeEquals(actual, update.ClaimedHash.Span);
    }

    private static string MismatchMessage(IncomingUpdate update, ReadOnlySpan<byte> actual) =>
        $"SHA-256 of the {update.Payload.Length}-byte payload is {Convert.ToHexStringLower(actual)}, claimed {Convert.ToHexStringLower(update.ClaimedHash.Span)}";

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
