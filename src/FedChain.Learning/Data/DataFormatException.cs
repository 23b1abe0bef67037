namespace FedChain.Learning.Data;

/// <summary>A data file that cannot be read as what it claims to be; the message names file, place, expected and actual.</summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataFormatException(string path, string location, string problem)
        : base($"{path}: {location}: {problem}")
    {
        Path = path;
        Location = location;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Where in the file, e.g. "offset 16" or "line 3, column 'age'".</summary>
    public string Location { get; }
}
