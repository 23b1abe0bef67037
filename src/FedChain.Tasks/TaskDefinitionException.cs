namespace FedChain.Tasks;

/// <summary>A task file that cannot be satisfied; the message names the file and the field.</summary>
public sealed class TaskDefinitionException : Exception
{
    /// <summary>Creates the exception: "<paramref name="source"/>: <paramref name="field"/> <paramref name="problem"/>".</summary>
    public TaskDefinitionException(string source, string field, string problem)
        : base($"{source}: {field} {problem}")
    {
        Source = source;
        Field = field;
    }

    /// <summary>The task file.</summary>
    public new string Source { get; }

    /// <summary>The field, as a dotted JSON path (e.g. "input.label_column").</summary>
    public string Field { get; }
}
