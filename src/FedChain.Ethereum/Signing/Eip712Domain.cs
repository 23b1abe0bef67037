using System.Numerics;

namespace FedChain.Ethereum.Signing;

/// <summary>An EIP-712 domain; null members are left out of the EIP712Domain type, as the EIP prescribes.</summary>
/// <param name="Name">Signing domain name.</param>
/// <param name="Version">Domain version.</param>
/// <param name="ChainId">EIP-155 chain id.</param>
/// <param name="VerifyingContract">Contract that verifies the signature.</param>
/// <param name="Salt">Disambiguating salt.</param>
public sealed record Eip712Domain(string? Name, string? Version, BigInteger? ChainId, Address? VerifyingContract, Bytes32? Salt = null)
{
    /// <summary>The EIP712Domain struct fields for the members that are set, in the canonical order.</summary>
    public IReadOnlyList<TypedDataField> Fields()
    {
        var fields = new List<TypedDataField>();
        if (Name is not null) fields.Add(new("name", "string"));
        if (Version is not null) fields.Add(new("version", "string"));
        if (ChainId is not null) fields.Add(new("chainId", "uint256"));
        if (VerifyingContract is not null) fields.Add(new("verifyingContract", "address"));
        if (Salt is not null) fields.Add(new("salt", "bytes32"));
        return fields;
    }

    /// <summary>The domain's values by field name.</summary>
    public IReadOnlyDictionary<string, object?> Values()
    {
        var values = new Dictionary<string, object?>();
        if (Name is not null) values["name"] = Name;
        if (Version is not null) values["version"] = Version;
        if (ChainId is not null) values["chainId"] = ChainId.Value;
        if (VerifyingContract is not null) values["verifyingContract"] = VerifyingContract;
        if (Salt is not null) values["salt"] = Salt.Value;
        return values;
    }

    /// <summary>hashStruct(EIP712Domain).</summary>
    public byte[] Separator() =>
        Eip712Encoder.HashStruct(new Dictionary<string, IReadOnlyList<TypedDataField>> { ["EIP712Domain"] = Fields() }, "EIP712Domain", Values());
}
