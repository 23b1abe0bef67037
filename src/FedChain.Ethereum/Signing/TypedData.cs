using System.Text.Json;

namespace FedChain.Ethereum.Signing;

/// <summary>
/// EIP-712 typed data: struct types, the primary type, the domain and the message (as in eth_signTypedData_v4).
/// Values are CLR values (BigInteger/integers, Address or string, bool, byte[]/Bytes32, string, nested
/// dictionaries for structs, enumerables for arrays) or JsonElements from <see cref="FromJson"/>.
/// </summary>
/// <param name="Types">Struct types by name, including "EIP712Domain".</param>
/// <param name="PrimaryType">The message's type.</param>
/// <param name="Domain">Domain values (name, version, chainId, verifyingContract, salt).</param>
/// <param name="Message">Message values.</param>
public sealed record TypedData(
    IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types,
    string PrimaryType,
    IReadOnlyDictionary<string, object?> Domain,
    IReadOnlyDictionary<string, object?> Message)
{
    /// <summary>Parses the eth_signTypedData_v4 JSON form {types, primaryType, domain, message}.</summary>
    public static TypedData FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement.Clone();
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>();
        foreach (var type in Required(root, "types").EnumerateObject())
        {
            types[type.Name] = type.Value.EnumerateArray()
                .Select(f => new TypedDataField(Required(f, "name").GetString()!, Required(f, "type").GetString()!))
                .ToArray();
        }
        return new TypedData(
            types,
            Required(root, "primaryType").GetString()!,
            ToDictionary(Required(root, "domain")),
            ToDictionary(Required(root, "message")));
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"EIP-712 typed data: missing \"{name}\".");

    private static Dictionary<string, object?> ToDictionary(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
}
