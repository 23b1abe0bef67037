namespace FedChain.Ethereum.Abi;

/// <summary>A decoded log: the event name and its argument values by position and name.</summary>
/// <param name="Name">Event name.</param>
/// <param name="ArgumentNames">Parameter names, in declaration order.</param>
/// <param name="Values">Decoded values, in declaration order.</param>
public sealed record DecodedEvent(string Name, IReadOnlyList<string> ArgumentNames, IReadOnlyList<object?> Values)
{
    /// <summary>The value of a named argument.</summary>
    public object? this[string argumentName]
    {
        get
        {
            for (var i = 0; i < ArgumentNames.Count; i++)
            {
                if (ArgumentNames[i] == argumentName)
                {
                    return Values[i];
                }
            }
            throw new KeyNotFoundException($"Event {Name} has no argument '{argumentName}' (has {string.Join(", ", ArgumentNames)}).");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}({string.Join(", ", ArgumentNames.Select((n, i) => $"{n}={AbiFormatter.Format(Values[i])}"))})";
}
