using System.Text.Json.Serialization;

namespace FedChain.Tasks;

/// <summary>
/// The model a task trains, by what it is: a built-in architecture with its sizes, or a TorchScript
/// file with its SHA-256. Exactly one of <see cref="Builtin"/> and <see cref="TorchScript"/> is set.
/// </summary>
public sealed record ModelDefinition
{
    /// <summary>A built-in architecture: "logreg", "mlp" or "cnn".</summary>
    public string? Builtin { get; init; }

    /// <summary>Hidden layer widths of an "mlp".</summary>
    public IReadOnlyList<int>? Hidden { get; init; }

    /// <summary>A TorchScript file (relative to the task file), made with torch.jit.script(model).save(...).</summary>
    [JsonPropertyName("torchscript")]
    public string? TorchScript { get; init; }

    /// <summary>Lower-case hex SHA-256 of the TorchScript file; a file with another hash is refused.</summary>
    public string? Sha256 { get; init; }
}
