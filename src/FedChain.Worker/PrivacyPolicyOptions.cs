namespace FedChain.Worker;

/// <summary>
/// The site's own differential-privacy policy (section "Worker:Privacy"), enforced before anything leaves the site:
/// every update is clipped and noised here (client-side DP-FedAvg), runs offering weaker terms are refused, and the
/// site stops taking part in a run once its budget is spent.
/// </summary>
public sealed class PrivacyPolicyOptions
{
    /// <summary>True when the site has a privacy policy; then runs without DP terms are refused.</summary>
    public bool Enabled { get; set; }

    /// <summary>The largest L2 norm an update may have; the run's clip norm applies when smaller.</summary>
    public double ClipNorm { get; set; } = 1.0;

    /// <summary>The least noise (std as a multiple of the clip norm) the site adds; the run's applies when larger.</summary>
    public double NoiseMultiplier { get; set; } = 1.0;

    /// <summary>The most epsilon the site spends on one run; the run's budget applies when smaller.</summary>
    public double EpsilonBudget { get; set; } = 3.0;

    /// <summary>The delta epsilon is accounted at.</summary>
    public double Delta { get; set; } = 1e-5;

    /// <summary>The least privacy accepted: a run offering a larger epsilon than this is refused.</summary>
    public double MaxRunEpsilon { get; set; } = 3.0;

    /// <summary>The errors in this policy, each one line naming the key (empty when valid or disabled).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            return errors;
        }

        void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                errors.Add($"Worker:Privacy:{name} must be positive and finite (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            }
        }

        Positive(ClipNorm, nameof(ClipNorm));
        Positive(NoiseMultiplier, nameof(NoiseMultiplier));
        Positive(EpsilonBudget, nameof(EpsilonBudget));
        Positive(MaxRunEpsilon, nameof(MaxRunEpsilon));
        if (!(Delta > 0 && Delta < 1))
        {
            errors.Add($"Worker:Privacy:Delta must be in (0, 1) (got {Delta.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        return errors;
    }
}
