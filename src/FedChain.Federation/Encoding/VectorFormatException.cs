namespace FedChain.Federation.Encoding;

/// <summary>An encoded vector that cannot be accepted: names the header field, its byte offset, and expected vs actual.</summary>
public sealed class VectorFormatException : FormatException
{
    /// <summary>Creates the exception for one bad field.</summary>
    public VectorFormatException(VectorField field, int offset, string expected, string actual)
        : base($"encoded vector: field '{field}' at byte offset {offset}: expected {expected}, got {actual}")
    {
        Field = field;
        Offset = offset;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The field that was wrong.</summary>
    public VectorField Field { get; }

    /// <summary>Byte offset of the field inside the encoded buffer.</summary>
    public int Offset { get; }

    /// <summary>What the decoder expected there.</summary>
    public string Expected { get; }

    /// <summary>What it found.</summary>
    public string Actual { get; }
}
