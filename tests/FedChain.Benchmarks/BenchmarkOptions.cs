using System.Globalization;

namespace FedChain.Benchmarks;

/// <summary>`--name value` pairs from the command line, with typed accessors that name the bad option.</summary>
public sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Parses `--key value` pairs; a bare `--flag` is stored as "true".</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{key}': options are --name value");
            }

            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options._values[key[2..]] = hasValue ? args[++i] : "true";
        }

        return options;
    }

    /// <summary>The string value of an option, or the default.</summary>
    public string GetString(string name, string defaultValue) =>
        _values.TryGetValue(name, out var value) ? value : defaultValue;

    /// <summary>The integer value of an option, or the default; a malformed value names the option.</summary>
    public int GetInt(string name, int defaultValue) =>
        _values.TryGetValue(name, out var value)
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ArgumentException($"--{name} expects an integer, got '{value}'")
            : defaultValue;

    /// <summary>The number value of an option, or the default; a malformed value names the option.</summary>
    public double GetDouble(string name, double defaultValue) =>
        _values.TryGetValue(name, out var value)
            ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ArgumentException($"--{name} expects a number, got '{value}'")
            : defaultValue;
}
