namespace FedChain.Ethereum.Abi;

/// <summary>A contract function from the JSON ABI: its selector, argument encoding and return decoding.</summary>
public sealed class AbiFunction
{
    /// <summary>Creates a function description.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability)
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        StateMutability = stateMutability;
        Signature = $"{name}({string.Join(",", inputs.Select(i => i.Type.CanonicalName))})";
        Selector = Keccak256.Hash(Signature)[..4];
    }

    /// <summary>Function name.</summary>
    public string Name { get; }

    /// <summary>Parameters.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Return values.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>"pure", "view", "nonpayable" or "payable".</summary>
    public string StateMutability { get; }

    /// <summary>True for view and pure functions (read with eth_call, no transaction).</summary>
    public bool IsReadOnly => StateMutability is "view" or "pure";

    /// <summary>Canonical signature, e.g. "baz(uint32,bool)".</summary>
    public string Signature { get; }

    /// <summary>First four bytes of the signature's Keccak-256.</summary>
    public byte[] Selector { get; }

    /// <summary>Parses a human-readable signature such as "f(uint256,uint32[],bytes10,bytes)" (no outputs).</summary>
    public static AbiFunction FromSignature(string signature)
    {
        var open = signature.IndexOf('(');
        if (open <= 0 || !signature.EndsWith(')'))
        {
            throw new FormatException($"Function signature '{signature}' must look like name(type1,type2).");
        }
        var tuple = AbiType.Parse(signature[open..]);
        return new AbiFunction(signature[..open], tuple.Components.Select((c, i) => c with { Name = $"arg{i}" }).ToArray(), [], "nonpayable");
    }

    /// <summary>Selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(params object?[] arguments)
    {
        try
        {
            return [.. Selector, .. AbiEncoder.Encode(Inputs, arguments)];
        }
        catch (AbiException ex)
        {
            throw new AbiException($"{Signature}: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes the return data into the output values.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData)
    {
        try
        {
            return AbiDecoder.Decode(Outputs, returnData);
        }
        catch (AbiException ex)
        {
            throw new AbiException($"{Signature} returned undecodable data ({returnData.Length} bytes): {ex.Message}", ex);
        }
    }
}
