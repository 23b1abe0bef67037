using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FedChain.Learning;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The run's declared intent: its configuration, the model layout, the validation set's hash, the
/// ledger it commits to and, for a task run, the task with its preprocessing and held-out set hashes, as canonical JSON. Its SHA-256 is the on-chain spec hash, so anyone
/// holding the JSON can check it against the chain and recompute scores from it.
/// </summary>
/// <param name="Json">The canonical JSON.</param>
/// <param name="Hash">SHA-256 of the JSON's UTF-8 bytes.</param>
public sealed record RunSpec(string Json, byte[] Hash)
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>Builds the spec of a run; <paramref name="task"/> is null for an MNIST run (whose spec JSON is then as before: version 1).</summary>
    public static RunSpec Create(RunConfiguration configuration, ParameterLayout layout, string validationHash, int validationSamples, string ledger, RunTaskSpec? task = null)
    {
        // The canonical policy string (name, parameters, seed) is what makes scores recomputable.
        var policy = ContributionScoring.PolicyOf(configuration).ToCanonicalString();
        var document = new SpecDocument(task is null ? 1 : 2, configuration, policy, "0x" + Convert.ToHexStringLower(layout.Hash), layout.TotalLength, validationHash, validationSamples, ledger, task);
        var json = JsonSerializer.Serialize(document, Canonical);
        return new RunSpec(json, SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>The configuration inside a spec's JSON; a spec written before runs named their engine ran on the native one.</summary>
    public static RunConfiguration ConfigurationOf(string json)
    {
        var configuration = JsonSerializer.Deserialize<SpecDocument>(json, Canonical)?.Configuration
            ?? throw new InvalidDataException("run spec JSON holds no configuration");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(nameof(SpecDocument.Configuration)).TryGetProperty(nameof(RunConfiguration.Engine), out _)
            ? configuration
            : configuration with { Engine = "native" };
    }

    /// <summary>The validation set a spec names: its hash and size (the tail of the training data).</summary>
    public static (string Hash, int Samples) ValidationSetOf(string json)
    {
        var document = JsonSerializer.Deserialize<SpecDocument>(json, Canonical) ?? throw new InvalidDataException("run spec JSON is empty");
        return (document.ValidationSetHash, document.ValidationSamples);
    }

    /// <summary>The parameter layout a spec names: its hash ("0x" hex) and the vector's length.</summary>
    public static (string Hash, int Parameters) LayoutOf(string json)
    {
        var document = JsonSerializer.Deserialize<SpecDocument>(json, Canonical) ?? throw new InvalidDataException("run spec JSON is empty");
        return (document.LayoutHash, document.Parameters);
    }

    /// <summary>The task part of a spec's JSON, or null for an MNIST run.</summary>
    public static RunTaskSpec? TaskOf(string json) =>
        (JsonSerializer.Deserialize<SpecDocument>(json, Canonical) ?? throw new InvalidDataException("run spec JSON is empty")).Task;

    private sealed record SpecDocument(
        int Version, RunConfiguration Configuration, string ContributionPolicy, string LayoutHash, int Parameters, string ValidationSetHash, int ValidationSamples, string Ledger,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RunTaskSpec? Task = null);
}
