using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FedChain.Tasks;

/// <summary>
/// A parsed, validated task file. Its canonical form is the definition re-serialised (snake_case, fixed
/// field order, no whitespace, absent fields omitted), so formatting, key order and comments do not change
/// <see cref="Hash"/>: every party holding the file computes the same SHA-256.
/// </summary>
public sealed class TaskFile
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    private static readonly JsonSerializerOptions CanonicalOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private TaskFile(string source, string directory, TaskDefinition definition)
    {
        Source = source;
        Directory = directory;
        Definition = definition;
        CanonicalJson = JsonSerializer.Serialize(definition, CanonicalOptions);
        Hash = "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson)));
    }

    /// <summary>The file the task was read from (or the name given to parsed text), as used in messages.</summary>
    public string Source { get; }

    /// <summary>The folder relative paths in the task (TorchScript model, held-out sets) are resolved against.</summary>
    public string Directory { get; }

    /// <summary>The validated definition.</summary>
    public TaskDefinition Definition { get; }

    /// <summary>The canonical JSON the hash is taken over.</summary>
    public string CanonicalJson { get; }

    /// <summary>"0x" + lower-case hex SHA-256 of <see cref="CanonicalJson"/>'s UTF-8 bytes.</summary>
    public string Hash { get; }

    /// <summary>The held-out validation set's path.</summary>
    public string ValidationPath => Resolve(Definition.HeldOut.Validation);

    /// <summary>The held-out test set's path.</summary>
    public string TestPath => Resolve(Definition.HeldOut.Test);

    /// <summary>The TorchScript model's path, or null for a built-in model.</summary>
    public string? TorchScriptPath => Definition.Model.TorchScript is { } file ? Resolve(file) : null;

    /// <summary>Reads, validates and hashes the task file at <paramref name="path"/>.</summary>
    public static TaskFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new TaskDefinitionException(path, "file", "not found");
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        return Parse(File.ReadAllText(path), path, directory);
    }

    /// <summary>Parses and validates task JSON; <paramref name="source"/> names it in messages.</summary>
    public static TaskFile Parse(string json, string source, string directory)
    {
        ArgumentNullException.ThrowIfNull(json);
        TaskDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<TaskDefinition>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new TaskDefinitionException(source, FieldOf(e.Path), Describe(e));
        }

        if (definition is null)
        {
            throw new TaskDefinitionException(source, "task", "is null, expected an object");
        }

        TaskValidator.Validate(definition, source);
        return new TaskFile(source, directory, definition);
    }

    /// <summary>A path from the task, resolved against <see cref="Directory"/> (absolute paths stay as they are).</summary>
    public string Resolve(string relative) => System.IO.Path.GetFullPath(relative, Directory);

    private static string FieldOf(string? path) =>
        path is null or "$" ? "task" : path.TrimStart('$', '.');

    // System.Text.Json's own messages carry CLR type names and "Path: ..." suffixes: keep only what the operator wrote.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return $"is invalid: {message.Replace("FedChain.Tasks.", string.Empty, StringComparison.Ordinal)}";
    }
}
