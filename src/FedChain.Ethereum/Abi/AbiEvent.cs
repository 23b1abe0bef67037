
namespace FedChain.Ethereum.Abi;

/// <summary>A contract event: its topic and the decoding of a log's topics and data.</summary>
public sealed class AbiEvent
{
    /// <summary>Creates an event description.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> inputs, bool anonymous)
    {
        Name = name;
        Inputs = inputs;
        Anonymous = anonymous;
        Signature = $"{name}({string.Join(",", inputs.Select(i => i.Type.CanonicalName))})";
        Topic = Keccak256.Hash(Signature);
    }

    /// <summary>Event name.</summary>
    public string Name { get; }

    /// <summary>Parameters, indexed ones flagged.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Anonymous events carry no signature topic.</summary>
    public bool Anonymous { get; }

    /// <summary>Canonical signature.</summary>
    public string Signature { get; }

    /// <summary>topics[0]: Keccak-256 of the signature.</summary>
    public byte[] Topic { get; }

    /// <summary>
    /// Decodes a log. Indexed value types come from the topics; indexed dynamic types (strings, arrays, structs)
    /// are only present as their Keccak-256 and are returned as that 32-byte hash.
    /// </summary>
    public DecodedEvent Decode(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        var topicIndex = 0;
        if (!Anonymous)
        {
            if (topics.Count == 0 || !topics[0].AsSpan().SequenceEqual(Topic))
            {
                throw new AbiException($"Log is not a {Signature} event: topic0 {(topics.Count == 0 ? "missing" : Hex.Encode(topics[0]))} != {Hex.Encode(Topic)}.");
            }
            topicIndex = 1;
        }
        var indexed = Inputs.Where(i => i.Indexed).ToArray();
        if (topics.Count - topicIndex != indexed.Length)
        {
            throw new AbiException($"{Signature}: expected {indexed.Length} indexed topics, got {topics.Count - topicIndex}.");
        }
        var nonIndexed = Inputs.Where(i => !i.Indexed).ToArray();
        object?[] dataValues;
        try
        {
            dataValues = AbiDecoder.Decode(nonIndexed, data);
        }
        catch (AbiException ex)
        {
            throw new AbiException($"{Signature}: undecodable event data: {ex.Message}", ex);
        }
        var values = new object?[Inputs.Count];
        var dataIndex = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var p = Inputs[i];
            if (!p.Indexed)
            {
                values[i] = dataValues[dataIndex++];
                continue;
            }
            var topic = topics[topicIndex++];
            values[i] = p.Type.IsDynamic || p.Type.Kind is AbiTypeKind.Tuple or AbiTypeKind.FixedArray
                ? topic
                : AbiDecoder.Decode([p], topic)[0];
        }
        return new DecodedEvent(Name, Inputs.Select(i => i.Name).ToArray(), values);
    }

    /// <summary>Encodes a value as a topic filter for an indexed parameter (value types only).</summary>
    public byte[] EncodeTopic(string parameterName, object? value)
    {
        var p = Inputs.FirstOrDefault(i => i.Name == parameterName && i.Indexed)
            ?? throw new ArgumentException($"{Signature} has no indexed parameter '{parameterName}'.", nameof(parameterName));
        if (p.Type.IsDynamic)
        {
            throw new ArgumentException($"{Signature}: '{parameterName}' is {p.Type.CanonicalName}; its topic is a hash, pass the 32-byte hash as a bytes32 filter.", nameof(parameterName));
        }
        return AbiEncoder.EncodeValue(p.Type, value, parameterName);
    }
}
