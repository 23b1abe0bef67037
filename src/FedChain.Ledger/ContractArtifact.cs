using System.Text.Json;
using FedChain.Ethereum;
using FedChain.Ethereum.Abi;

namespace FedChain.Ledger;

/// <summary>A compiled contract: its ABI and creation/runtime bytecode.</summary>
/// <param name="Name">Contract name.</param>
/// <param name="Abi">Parsed ABI.</param>
/// <param name="Bytecode">Creation bytecode.</param>
/// <param name="DeployedBytecode">Runtime bytecode (what eth_getCode returns after deployment).</param>
public sealed record ContractArtifact(string Name, ContractAbi Abi, byte[] Bytecode, byte[] DeployedBytecode)
{
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
            ContractAbi.FromJson(Field("abi")),
            Hex.Decode(Field("bytecode").GetString()!, $"{name}.json bytecode"),
            Hex.Decode(Field("deployedBytecode").GetString()!, $"{name}.json deployedBytecode"));
    }

    /// <summary>FedChainLedger.</summary>
    public static ContractArtifact FedChainLedger { get; } = Load("FedChainLedger");

    /// <summary>FedChainToken.</summary>
    public static ContractArtifact FedChainToken { get; } = Load("FedChainToken");
}
