namespace FedChain.Ethereum.Abi;

/// <summary>A Solidity custom error (or the built-in Error(string) / Panic(uint256)).</summary>
public sealed class AbiError
{
    /// <summary>Creates an error description.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Name = name;
        Inputs = inputs;
        Signature = $"{name}({string.Join(",", inputs.Select(i => i.Type.CanonicalName))})";
        Selector = Keccak256.Hash(Signature)[..4];
    }

    /// <summary>Built-in Error(string), raised by require/revert with a message.</summary>
    public static AbiError StandardError { get; } = new("Error", [new AbiParameter("message", AbiType.Parse("string"))]);

    /// <summary>Built-in Panic(uint256), raised by assert, overflow, division by zero.</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiType.UInt256)]);

    /// <summary>Error name.</summary>
    public string Name { get; }

    /// <summary>Error arguments.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Canonical signature.</summary>
    public string Signature { get; }

    /// <summary>First four bytes of the signature's Keccak-256.</summary>
    public byte[] Selector { get; }

    /// <summary>Encodes revert data for this error (useful for tests and mocks).</summary>
    public byte[] Encode(params object?[] arguments) => [.. Selector, .. AbiEncoder.Encode(Inputs, arguments)];
}
