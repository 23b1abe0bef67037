using System.Globalization;
using System.Text;

namespace FedChain.Federation.Contribution;

/// <summary>
/// A contribution policy with all its parameters and seed. <see cref="ToCanonicalString"/> names exactly what
/// determines the scores and goes into the run's spec hash; <see cref="Parse"/> reads it back, and the short
/// forms `samples`, `loo`, `shapley`, `shapley:exact`, `shapley:mc`, `shapley:mc:PERMS`, `shapley:mc:PERMS:TRUNCATION`.
/// </summary>
public sealed record ContributionPolicySpec(
    string Name,
    ShapleyMode Mode = ShapleyMode.Auto,
    int ExactMaxContributors = ContributionPolicySpec.DefaultExactMaxContributors,
    int Permutations = ContributionPolicySpec.DefaultPermutations,
    double Truncation = ContributionPolicySpec.DefaultTruncation,
    ulong Seed = 0)
{
    /// <summary>Policy name: sample share.</summary>
    public const string Samples = "samples";

    /// <summary>Policy name: leave-one-out.</summary>
    public const string LeaveOneOut = "loo";

    /// <summary>Policy name: Shapley values.</summary>
    public const string Shapley = "shapley";

    /// <summary>Default largest round scored exactly in <see cref="ShapleyMode.Auto"/>.</summary>
    public const int DefaultExactMaxContributors = 10;

    /// <summary>Default number of Monte-Carlo permutations.</summary>
    public const int DefaultPermutations = 50;

    /// <summary>Default within-round truncation tolerance, in utility units (0.001 = 0.1 point of accuracy).</summary>
    public const double DefaultTruncation = 0.001;

    /// <summary>Exact Shapley evaluates 2^n coalitions; above this many contributors it is refused.</summary>
    public const int ExactHardLimit = 20;

    /// <summary>The policy name: "samples", "loo" or "shapley".</summary>
    public string Name { get; init; } = CheckName(Name);

    /// <summary>Shapley only: exact, Monte-Carlo, or chosen by round size.</summary>
    public ShapleyMode Mode { get; init; } = Enum.IsDefined(Mode) ? Mode : throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "unknown Shapley mode");

    /// <summary>Shapley auto mode: rounds with at most this many contributors are scored exactly (1..20).</summary>
    public int ExactMaxContributors { get; init; } = ExactMaxContributors is >= 1 and <= ExactHardLimit
        ? ExactMaxContributors
        : throw new ArgumentOutOfRangeException(nameof(ExactMaxContributors), ExactMaxContributors, $"exact-max must be in 1..{ExactHardLimit}");

    /// <summary>Monte-Carlo Shapley: permutations sampled per round (>= 1).</summary>
    public int Permutations { get; init; } = Permutations >= 1
        ? Permutations
        : throw new ArgumentOutOfRangeException(nameof(Permutations), Permutations, "permutations must be >= 1");

    /// <summary>
    /// Monte-Carlo Shapley: after its first contributor, a permutation walk stops once |U(all) - U(prefix)| &lt;
    /// Truncation (utility units); 0 disables truncation.
    /// </summary>
    public double Truncation { get; init; } = double.IsFinite(Truncation) && Truncation >= 0
        ? Truncation
        : throw new ArgumentOutOfRangeException(nameof(Truncation), Truncation, "truncation must be a finite number >= 0");

    /// <summary>Run seed for Monte-Carlo sampling; mixed with the round number per round.</summary>
    public ulong Seed { get; init; } = Seed;

    /// <summary>
    /// The canonical form: `samples`, `loo`, `shapley;mode=exact`,
    /// `shapley;mode=mc;permutations=P;truncation=T;seed=S` or
    /// `shapley;mode=auto;exact-max=N;permutations=P;truncation=T;seed=S` (only parameters that affect the scores).
    /// </summary>
    public string ToCanonicalString()
    {
        if (Name != Shapley)
        {
            return Name;
        }

        var sb = new StringBuilder(Shapley);
        sb.Append(";mode=").Append(ModeText(Mode));
        if (Mode == ShapleyMode.Auto)
        {
            sb.Append(";exact-max=").Append(ExactMaxContributors.ToString(CultureInfo.InvariantCulture));
        }

        if (Mode != ShapleyMode.Exact)
        {
            sb.Append(";permutations=").Append(Permutations.ToString(CultureInfo.InvariantCulture))
              .Append(";truncation=").Append(Truncation.ToString("R", CultureInfo.InvariantCulture))
              .Append(";seed=").Append(Seed.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToCanonicalString();

    /// <summary>Specs are equal when their canonical strings are: parameters that cannot affect the scores are ignored.</summary>
    public bool Equals(ContributionPolicySpec? other) =>
        other is not null && string.Equals(ToCanonicalString(), other.ToCanonicalString(), StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToCanonicalString());

    /// <summary>Creates the policy this spec describes.</summary>
    public IContributionPolicy CreatePolicy() => Name switch
    {
        Samples => new SampleShareContributionPolicy(),
        LeaveOneOut => new LeaveOneOutContributionPolicy(),
        _ => new ShapleyContributionPolicy(this),
    };

    /// <summary>
    /// Parses a short or canonical policy string; <paramref name="seed"/> is used unless the text names its own
    /// `seed=`. Errors name the offending part and its character offset.
    /// </summary>
    public static ContributionPolicySpec Parse(string text, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("contribution policy is empty; expected samples, loo or shapley[...]");
        }

        return trimmed.Contains(';') || !trimmed.Contains(':')
            ? ParseCanonical(trimmed, seed)
            : ParseShort(trimmed, seed);
    }

    private static ContributionPolicySpec ParseShort(string text, ulong seed)
    {
        var parts = text.Split(':');
        if (!string.Equals(parts[0], Shapley, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"contribution policy '{text}': only shapley takes ':' options (at offset {parts[0].Length})");
        }

        var mode = parts[1].ToLowerInvariant() switch
        {
            "exact" => ShapleyMode.Exact,
            "mc" => ShapleyMode.MonteCarlo,
            "auto" => ShapleyMode.Auto,
            _ => throw new FormatException($"contribution policy '{text}': mode '{parts[1]}' at offset {parts[0].Length + 1} is not exact, mc or auto"),
        };
        var maxParts = mode == ShapleyMode.Exact ? 2 : 4;
        if (parts.Length > maxParts)
        {
            throw new FormatException($"contribution policy '{text}': shapley:{parts[1]} takes at most {maxParts - 2} numeric option(s), got {parts.Length - 2}");
        }

        var offset = parts[0].Length + 1 + parts[1].Length + 1;
        var permutations = parts.Length > 2 ? ParseInt(text, "permutations", parts[2], offset) : DefaultPermutations;
        offset += parts.Length > 2 ? parts[2].Length + 1 : 0;
        var truncation = parts.Length > 3 ? ParseDouble(text, "truncation", parts[3], offset) : DefaultTruncation;
        return Build(text, () => new ContributionPolicySpec(Shapley, mode, DefaultExactMaxContributors, permutations, truncation, seed));
    }

    private static ContributionPolicySpec ParseCanonical(string text, ulong seed)
    {
        var parts = text.Split(';');
        var name = parts[0].Trim().ToLowerInvariant();
        CheckNameFormat(text, name);
        var mode = ShapleyMode.Auto;
        var exactMax = DefaultExactMaxContributors;
        var permutations = DefaultPermutations;
        var truncation = DefaultTruncation;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = parts[0].Length + 1;
        for (var i = 1; i < parts.Length; offset += parts[i].Length + 1, i++)
        {
            var part = parts[i];
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"contribution policy '{text}': '{part}' at offset {offset} is not key=value");
            }

            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            if (name != Shapley)
            {
                throw new FormatException($"contribution policy '{text}': {name} takes no parameters, got '{key}' at offset {offset}");
            }

            if (!seen.Add(key))
            {
                throw new FormatException($"contribution policy '{text}': '{key}' is given twice (offset {offset})");
            }

            var valueOffset = offset + eq + 1;
            switch (key)
            {
                case "mode":
                    mode = value.ToLowerInvariant() switch
                    {
                        "exact" => ShapleyMode.Exact,
                        "mc" => ShapleyMode.MonteCarlo,
                        "auto" => ShapleyMode.Auto,
                        _ => throw new FormatException($"contribution policy '{text}': mode '{value}' at offset {valueOffset} is not exact, mc or auto"),
                    };
                    break;
                case "exact-max":
                    exactMax = ParseInt(text, key, value, valueOffset);
                    break;
                case "permutations":
                    permutations = ParseInt(text, key, value, valueOffset);
                    break;
                case "truncation":
                    truncation = ParseDouble(text, key, value, valueOffset);
                    break;
                case "seed":
                    seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new FormatException($"contribution policy '{text}': seed '{value}' at offset {valueOffset} is not an unsigned 64-bit integer");
                    break;
                default:
                    throw new FormatException(
                        $"contribution policy '{text}': unknown parameter '{key}' at offset {offset}; expected mode, exact-max, permutations, truncation or seed");
            }
        }

        return Build(text, () => new ContributionPolicySpec(name, mode, exactMax, permutations, truncation, seed));
    }

    private static ContributionPolicySpec Build(string text, Func<ContributionPolicySpec> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"contribution policy '{text}': {e.Message}", e);
        }
    }

    private static int ParseInt(string text, string key, string value, int offset) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"contribution policy '{text}': {key} '{value}' at offset {offset} is not a non-negative integer");

    private static double ParseDouble(string text, string key, string value, int offset) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"contribution policy '{text}': {key} '{value}' at offset {offset} is not a finite number");

    private static void CheckNameFormat(string text, string name)
    {
        if (name is not (Samples or LeaveOneOut or Shapley))
        {
            throw new FormatException($"contribution policy '{text}': unknown policy '{name}' at offset 0; expected samples, loo or shapley");
        }
    }

    private static string CheckName(string name) => name is Samples or LeaveOneOut or Shapley
        ? name
        : throw new ArgumentOutOfRangeException(nameof(Name), name, "policy name must be samples, loo or shapley");

    private static string ModeText(ShapleyMode mode) => mode switch
    {
        ShapleyMode.Exact => "exact",
        ShapleyMode.MonteCarlo => "mc",
        _ => "auto",
    };
}
