using System.Text.Json;

namespace FedChain.Ethereum.Abi;

/// <summary>A contract's JSON ABI: its functions, events, custom errors and constructor.</summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, AbiFunction[]> _functionsByName;
    private readonly Dictionary<string, AbiEvent> _eventsByTopic;
    private readonly Dictionary<string, AbiError> _errorsBySelector;

    private ContractAbi(IReadOnlyList<AbiFunction> functions, IReadOnlyList<AbiEvent> events, IReadOnlyList<AbiError> errors, IReadOnlyList<AbiParameter> constructorInputs)
    {
        Functions = functions;
        Events = events;
        Errors = errors;
        ConstructorInputs = constructorInputs;
        _functionsByName = functions.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToArray());
        _eventsByTopic = events.Where(e => !e.Anonymous).ToDictionary(e => Hex.Encode(e.Topic), e => e);
        _errorsBySelector = new Dictionary<string, AbiError>
        {
            [Hex.Encode(AbiError.StandardError.Selector)] = AbiError.StandardError,
            [Hex.Encode(AbiError.Panic.Selector)] = AbiError.Panic,
        };
        foreach (var error in errors)
        {
            _errorsBySelector[Hex.Encode(error.Selector)] = error;
        }
    }

    /// <summary>All functions.</summary>
    public IReadOnlyList<AbiFunction> Functions { get; }

    /// <summary>All events.</summary>
    public IReadOnlyList<AbiEvent> Events { get; }

    /// <summary>All custom errors.</summary>
    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>Constructor parameters (empty when there is no explicit constructor).</summary>
    public IReadOnlyList<AbiParameter> ConstructorInputs { get; }

    /// <summary>Parses a JSON ABI array.</summary>
    public static ContractAbi Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Reads a JSON ABI array element.</summary>
    public static ContractAbi FromJson(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"A JSON ABI must be an array, got {abi.ValueKind}.");
        }
        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        IReadOnlyList<AbiParameter> constructor = [];
        var index = 0;
        foreach (var entry in abi.EnumerateArray())
        {
            var type = entry.TryGetProperty("type", out var t) ? t.GetString() : "function";
            var name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
            var where = $"entry {index} ({type} {name})";
            IReadOnlyList<AbiParameter> Params(string property) =>
                entry.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select((p, i) => AbiParameter.FromJson(p, $"{where}.{property}[{i}]")).ToArray()
                    : [];
            switch (type)
            {
                case "function":
                    var mutability = entry.TryGetProperty("stateMutability", out var m) ? m.GetString() ?? "nonpayable" : "nonpayable";
                    functions.Add(new AbiFunction(name, Params("inputs"), Params("outputs"), mutability));
                    break;
                case "event":
                    var anonymous = entry.TryGetProperty("anonymous", out var a) && a.ValueKind == JsonValueKind.True;
                    events.Add(new AbiEvent(name, Params("inputs"), anonymous));
                    break;
                case "error":
                    errors.Add(new AbiError(name, Params("inputs")));
                    break;
                case "constructor":
                    constructor = Params("inputs");
                    break;
            }
            index++;
        }
        return new ContractAbi(functions, events, errors, constructor);
    }

    /// <summary>Finds a function by name, or by full signature when the name is overloaded.</summary>
    public AbiFunction GetFunction(string nameOrSignature)
    {
        if (nameOrSignature.Contains('('))
        {
            return Functions.FirstOrDefault(f => f.Signature == nameOrSignature)
                ?? throw new KeyNotFoundException($"ABI has no function {nameOrSignature}.");
        }
        if (!_functionsByName.TryGetValue(nameOrSignature, out var overloads))
        {
            throw new KeyNotFoundException($"ABI has no function '{nameOrSignature}' (has {string.Join(", ", _functionsByName.Keys.Order())}).");
        }
        if (overloads.Length > 1)
        {
            throw new KeyNotFoundException($"Function '{nameOrSignature}' is overloaded; use one of {string.Join(", ", overloads.Select(o => o.Signature))}.");
        }
        return overloads[0];
    }

    /// <summary>Finds an event by name.</summary>
    public AbiEvent GetEvent(string name) =>
        Events.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"ABI has no event '{name}' (has {string.Join(", ", Events.Select(e => e.Name))}).");

    /// <summary>Finds a custom error by name.</summary>
    public AbiError GetError(string name) =>
        Errors.FirstOrDefault(e => e.Name == name)
        ?? throw new KeyNotFoundException($"ABI has no error '{name}' (has {string.Join(", ", Errors.Select(e => e.Name))}).");

    /// <summary>Finds the event whose topic0 matches, or null.</summary>
    public AbiEvent? FindEvent(byte[] topic0) => _eventsByTopic.GetValueOrDefault(Hex.Encode(topic0));

    /// <summary>Decodes a log of this contract if its topic0 is one of our events, otherwise null.</summary>
    public DecodedEvent? TryDecodeEvent(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        if (topics.Count == 0)
        {
            return null;
        }
        var e = FindEvent(topics[0]);
        return e?.Decode(topics, data);
    }

    /// <summary>
    /// Turns revert data into a <see cref="ContractRevertException"/> naming the error and its arguments
    /// (custom errors from this ABI, Error(string), Panic(uint256); unknown selectors keep the raw data).
    /// </summary>
    public ContractRevertException DecodeRevert(byte[] revertData, string? context = null)
    {
        if (revertData.Length == 0)
        {
            return new ContractRevertException("Empty", null, [], [], revertData, context);
        }
        if (revertData.Length >= 4 && _errorsBySelector.TryGetValue(Hex.Encode(revertData.AsSpan(0, 4)), out var error))
        {
            try
            {
                var args = AbiDecoder.Decode(error.Inputs, revertData.AsSpan(4));
                return new ContractRevertException(error.Name, error.Signature, error.Inputs.Select(i => i.Name).ToArray(), args, revertData, context);
            }
            catch (AbiException)
            {
                // The selector matched but the arguments do not decode: report the raw data rather than guess.
            }
        }
        return new ContractRevertException("Unknown", null, [], [], revertData, context);
    }

    /// <summary>Deployment data: creation bytecode followed by the encoded constructor arguments.</summary>
    public byte[] EncodeDeployment(byte[] bytecode, params object?[] constructorArguments)
    {
        try
        {
            return [.. bytecode, .. AbiEncoder.Encode(ConstructorInputs, constructorArguments)];
        }
        catch (AbiException ex)
        {
            throw new AbiException($"constructor: {ex.Message}", ex);
        }
    }
}
