using System.Text.Json;
using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>A compiled contract: its ABI (JSON) and creation/runtime bytecode, embedded from contracts/.</summary>
/// <param name="Name">Contract name.</param>
/// <param name="AbiJson">The ABI as the compiler wrote it.</param>
/// <param name="Bytecode">Creation bytecode.</param>
/// <param name="DeployedBytecode">Runtime bytecode (what eth_getCode returns after deployment).</param>
public sealed record ContractArtifact(string Name, string AbiJson, byte[] Bytecode, byte[] DeployedBytecode)
{
    /// <summary>The creation bytecode as 0x hex (what a deployment message carries).</summary>
    public string BytecodeHex => Hex.Encode(Bytecode);

    /// <summary>Canonical signatures of every function, e.g. "lastRound(bytes32)".</summary>
    public IReadOnlyList<string> FunctionSignatures => Signatures("function");

    /// <summary>Canonical signatures of every event.</summary>
    public IReadOnlyList<string> EventSignatures => Signatures("event");

    /// <summary>Canonical signatures of every custom error.</summary>
    public IReadOnlyList<string> ErrorSignatures => Signatures("error");

    /// <summary>Loads the artifact embedded as Artifacts/<paramref name="name"/>.json.</summary>
    public static ContractArtifact Load(string name)
    {
        var resource = $"FedChain.Ledger.Artifacts.{name}.json";
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded artifact '{resource}' is missing; export contracts/ artifacts to src/FedChain.Ledger/Artifacts/{name}.json.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        JsonElement Field(string field) => root.TryGetProperty(field, out var value)
            ? value
            : throw new FormatException($"Artifact {name}.json has no \"{field}\".");
        return new ContractArtifact(
            name,
            Field("abi").GetRawText(),
            Hex.Decode(Field("bytecode").GetString()!, $"{name}.json bytecode"),
            Hex.Decode(Field("deployedBytecode").GetString()!, $"{name}.json deployedBytecode"));
    }

    /// <summary>FedChainLedger.</summary>
    public static ContractArtifact FedChainLedger { get; } = Load("FedChainLedger");

    /// <summary>FedChainToken.</summary>
    public static ContractArtifact FedChainToken { get; } = Load("FedChainToken");

    /// <summary>The canonical signature of one ABI entry (tuples expanded), as selectors and topics hash it.</summary>
    public static string CanonicalSignature(JsonElement entry) =>
        $"{entry.GetProperty("name").GetString()}({string.Join(",", Inputs(entry).Select(CanonicalType))})";

    private IReadOnlyList<string> Signatures(string kind)
    {
        using var abi = JsonDocument.Parse(AbiJson);
        return abi.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == kind)
            .Select(CanonicalSignature)
            .ToArray();
    }

    private static IEnumerable<JsonElement> Inputs(JsonElement entry) =>
        entry.TryGetProperty("inputs", out var inputs) ? inputs.EnumerateArray() : [];

    private static string CanonicalType(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString()!;
        return type.StartsWith("tuple", StringComparison.Ordinal)
            ? "(" + string.Join(",", parameter.GetProperty("components").EnumerateArray().Select(CanonicalType)) + ")" + type[5..]
            : type;
    }
}
