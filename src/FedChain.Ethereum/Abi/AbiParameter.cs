using System.Text.Json;

namespace FedChain.Ethereum.Abi;

/// <summary>A named, typed parameter of a function, event, error or tuple.</summary>
/// <param name="Name">Parameter name from the ABI (may be empty).</param>
/// <param name="Type">Its ABI type.</param>
/// <param name="Indexed">For event parameters: stored in a topic rather than the data.</param>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false)
{
    /// <summary>Reads one JSON ABI parameter object ({name, type, components?, indexed?}).</summary>
    public static AbiParameter FromJson(JsonElement element, string where)
    {
        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        if (!element.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"ABI {where}: parameter '{name}' has no \"type\".");
        }
        IReadOnlyList<AbiParameter>? components = null;
        if (element.TryGetProperty("components", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            components = c.EnumerateArray().Select((e, i) => FromJson(e, $"{where}.{name}[{i}]")).ToArray();
        }
        var indexed = element.TryGetProperty("indexed", out var ix) && ix.ValueKind == JsonValueKind.True;
        return new AbiParameter(name, AbiType.Parse(t.GetString()!, components), indexed);
    }
}
