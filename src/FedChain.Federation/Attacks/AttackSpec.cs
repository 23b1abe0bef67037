using System.Globalization;

namespace FedChain.Federation.Attacks;

/// <summary>
/// An attack with its parameter, as operators write it: `none`, `signflip`, `scale:FACTOR`,
/// `noise:SIGMA`, `labelflip`, `alie` (z from the paper's formula) or `alie:Z`, `ipm:EPSILON`,
/// `zero`, `echo`, `copy`, `stale`. <see cref="Apply"/> turns what the attacker has into what it sends.
/// </summary>
/// <param name="Kind">The attack.</param>
/// <param name="Parameter">Scale factor, noise sigma, ALIE z (NaN: from n and f) or IPM epsilon; unused otherwise.</param>
public sealed record AttackSpec(AttackKind Kind, double Parameter = double.NaN)
{
    /// <summary>Default boost of the scaling attack.</summary>
    public const double DefaultScale = 10;

    /// <summary>Default per-coordinate sigma of the Gaussian attack.</summary>
    public const double DefaultNoiseSigma = 0.1;

    /// <summary>Default IPM epsilon (Xie et al. 2019 use 0.1 against Krum and larger values against median-type rules).</summary>
    public const double DefaultIpmEpsilon = 0.5;

    /// <summary>The honest contributor.</summary>
    public static AttackSpec None { get; } = new(AttackKind.None);

    /// <summary>The short names <see cref="Parse"/> understands.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "signflip", "scale", "noise", "labelflip", "alie", "ipm", "zero", "echo", "copy", "stale"];

    /// <summary>True for the free-riders (zero, echo, copy, stale): they send less work than they claim.</summary>
    public bool IsFreeRider => Kind is AttackKind.ZeroUpdate or AttackKind.EchoGlobalModel or AttackKind.CopyUpdate or AttackKind.StaleUpdate;

    /// <summary>True when the colluders need the honest updates' moments (ALIE, IPM).</summary>
    public bool NeedsColluderStatistics => Kind is AttackKind.LittleIsEnough or AttackKind.InnerProductManipulation;

    /// <summary>True when the attacker's own honest update of this round goes into <see cref="Apply"/> (the others need not train; stale trains only while it has nothing to replay).</summary>
    public bool NeedsHonestUpdate => Kind is AttackKind.None or AttackKind.SignFlip or AttackKind.Scaling or AttackKind.LabelFlip;

    /// <summary>True when the attack is on the data (label flip), not on the update.</summary>
    public bool IsDataLevel => Kind == AttackKind.LabelFlip;

    /// <summary>Parses the short form; an unknown name or a bad parameter is an error naming the text.</summary>
    public static AttackSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var name = parts[0];
        double? value = null;
        if (parts.Length > 2)
        {
            throw new ArgumentException($"attack '{text}' has more than one parameter");
        }

        if (parts.Length == 2)
        {
            value = double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v
                : throw new ArgumentException($"attack '{text}': the parameter must be a finite number, got '{parts[1]}'");
        }

        var spec = name switch
        {
            "none" => new AttackSpec(AttackKind.None),
            "signflip" => new AttackSpec(AttackKind.SignFlip),
            "scale" => new AttackSpec(AttackKind.Scaling, value ?? DefaultScale),
            "noise" => new AttackSpec(AttackKind.GaussianNoise, value ?? DefaultNoiseSigma),
            "labelflip" => new AttackSpec(AttackKind.LabelFlip),
            "alie" => new AttackSpec(AttackKind.LittleIsEnough, value ?? double.NaN),
            "ipm" => new AttackSpec(AttackKind.InnerProductManipulation, value ?? DefaultIpmEpsilon),
            "zero" => new AttackSpec(AttackKind.ZeroUpdate),
            "echo" => new AttackSpec(AttackKind.EchoGlobalModel),
            "copy" => new AttackSpec(AttackKind.CopyUpdate),
            "stale" => new AttackSpec(AttackKind.StaleUpdate),
            _ => throw new ArgumentException($"unknown attack '{text}'; known: {string.Join(", ", Names)}"),
        };
        var takesParameter = spec.Kind is AttackKind.Scaling or AttackKind.GaussianNoise or AttackKind.LittleIsEnough or AttackKind.InnerProductManipulation;
        if (value is not null && !takesParameter)
        {
            throw new ArgumentException($"attack '{name}' takes no parameter, got '{text}'");
        }

        if (spec.Kind == AttackKind.GaussianNoise && !(spec.Parameter >= 0))
        {
            throw new ArgumentException($"attack '{text}': noise sigma must be >= 0");
        }

        if (spec.Kind == AttackKind.InnerProductManipulation && !(spec.Parameter > 0))
        {
            throw new ArgumentException($"attack '{text}': IPM epsilon must be > 0");
        }

        return spec;
    }

    /// <summary>The short form <see cref="Parse"/> reads back.</summary>
    public override string ToString()
    {
        var name = Names[Kind switch
        {
            AttackKind.None => 0,
            AttackKind.SignFlip => 1,
            AttackKind.Scaling => 2,
            AttackKind.GaussianNoise => 3,
            AttackKind.LabelFlip => 4,
            AttackKind.LittleIsEnough => 5,
            AttackKind.InnerProductManipulation => 6,
            AttackKind.ZeroUpdate => 7,
            AttackKind.EchoGlobalModel => 8,
            AttackKind.CopyUpdate => 9,
            _ => 10,
        }];
        return double.IsNaN(Parameter) ? name : name + ":" + Parameter.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The update this attacker sends, from what it has this round; the inputs are not modified.</summary>
    public float[] Apply(AttackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var length = context.GlobalModel.Length;
        return Kind switch
        {
            AttackKind.None or AttackKind.LabelFlip => RequireHonest(context).ToArray(),
            AttackKind.SignFlip => UpdateAttacks.SignFlip(RequireHonest(context).Span),
            AttackKind.Scaling => UpdateAttacks.Scale(RequireHonest(context).Span, Parameter),
            AttackKind.GaussianNoise => UpdateAttacks.GaussianNoise(length, Parameter, context.Seed, context.Round),
            AttackKind.LittleIsEnough => UpdateAttacks.LittleIsEnough(RequireStatistics(context),
                double.IsNaN(Parameter) ? UpdateAttacks.LittleIsEnoughZ(context.TotalWorkers, context.ByzantineWorkers) : Parameter),
            AttackKind.InnerProductManipulation => UpdateAttacks.InnerProductManipulation(RequireStatistics(context), Parameter),
            AttackKind.ZeroUpdate => UpdateAttacks.Zero(length),
            AttackKind.EchoGlobalModel => UpdateAttacks.EchoGlobalModel(context.GlobalModel.Span),
            AttackKind.CopyUpdate => UpdateAttacks.Copy((Given(context.Victim) ?? throw new ArgumentException("the copy attack needs another worker's update of the round (Victim)")).Span),
            AttackKind.StaleUpdate => (Given(context.Earlier) ?? RequireHonest(context)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(context), Kind, "unknown attack"),
        };
    }

    // A null float[] converts to an empty, not a null, ReadOnlyMemory: both mean "not given".
    private static ReadOnlyMemory<float>? Given(ReadOnlyMemory<float>? memory) => memory is { Length: > 0 } value ? value : default(ReadOnlyMemory<float>?);

    private ReadOnlyMemory<float> RequireHonest(AttackContext context) =>
        context.Honest.Length == context.GlobalModel.Length
            ? context.Honest
            : throw new ArgumentException($"attack '{this}' needs the attacker's honest update of {context.GlobalModel.Length} values, got {context.Honest.Length}");

    private UpdateStatistics RequireStatistics(AttackContext context) =>
        context.Colluders ?? throw new ArgumentException($"attack '{this}' needs the honest updates' statistics the colluders share");
}
