using System.ComponentModel.DataAnnotations;

namespace FedChain.Worker;

/// <summary>A worker host's settings (section "Worker").</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>The worker's stable id (e.g. the hospital's name).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "Worker:Id must be 1-64 letters, digits, '.', '_' or '-'")]
    public string Id { get; set; } = string.Empty;

    /// <summary>A file holding the signing key: a Web3 Secret Storage (keystore v3) JSON, or a raw 0x hex key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The file holding the keystore's password, when <see cref="KeyFile"/> is a keystore.</summary>
    public string? KeyPasswordFile { get; set; }

    /// <summary>The name of an environment variable holding a raw 0x hex key (used when no key file is set).</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>How often the worker announces itself.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Red-team drills only: send poisoned or lazy updates (none, signflip, scale[:F], noise[:SIGMA], labelflip,
    /// zero, echo, stale). The colluding attacks (alie, ipm, copy) need the other workers' updates and run only in
    /// `fedchain simulate`.
    /// </summary>
    [RegularExpression(@"^(none|signflip|labelflip|zero|echo|stale|(scale|noise)(:[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)?)$",
        ErrorMessage = "Worker:Attack must be none, signflip, scale[:F], noise[:SIGMA], labelflip, zero, echo or stale (alie, ipm and copy need colluders: fedchain simulate)")]
    public string Attack { get; set; } = "none";

    /// <summary>Where the private data is and how to read it.</summary>
    [Required]
    public WorkerDataOptions Data { get; set; } = new();

    /// <summary>Which runs the site trains for.</summary>
    public ConsentOptions Consent { get; set; } = new();

    /// <summary>The site's differential-privacy policy.</summary>
    public PrivacyPolicyOptions Privacy { get; set; } = new();
}
