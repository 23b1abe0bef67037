namespace FedChain.Messages;

/// <summary>Formatting and checking of the "0x"-prefixed hex form of a bytes32 run id used in every message.</summary>
public static class RunIds
{
    /// <summary>The all-zero id: a message that belongs to no run (an idle worker's heartbeat).</summary>
    public const string None = "0x0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Formats 32 bytes as "0x" + 64 lowercase hex digits.</summary>
    public static string Format(ReadOnlySpan<byte> id) =>
        id.Length == 32
            ? "0x" + Convert.ToHexStringLower(id)
            : throw new ArgumentException($"a run id is 32 bytes, got {id.Length}", nameof(id));

    /// <summary>Parses "0x" + 64 hex digits (either case) back to 32 bytes; anything else is an error naming the value.</summary>
    public static byte[] Parse(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return IsValid(runId)
            ? Convert.FromHexString(runId.AsSpan(2))
            : throw new FormatException($"run id '{runId}' is not \"0x\" followed by 64 hex digits");
    }

    /// <summary>True when <paramref name="runId"/> is "0x" followed by exactly 64 hex digits.</summary>
    public static bool IsValid(string? runId) =>
        runId is { Length: 66 } && runId.StartsWith("0x", StringComparison.Ordinal) && runId.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
