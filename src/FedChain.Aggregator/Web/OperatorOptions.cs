namespace FedChain.Aggregator.Web;

/// <summary>
/// The operator's bearer token for the console's write actions (section "Operator"): a file or an environment
/// variable. Neither set: operator actions are off and every POST is refused.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Operator";

    /// <summary>The fewest characters a token may have (32 random characters are beyond guessing over HTTP).</summary>
    public const int MinimumTokenLength = 32;

    /// <summary>A file holding the token (e.g. a mounted secret).</summary>
    public string? TokenFile { get; set; }

    /// <summary>An environment variable holding the token.</summary>
    public string? TokenEnvironmentVariable { get; set; }

    /// <summary>Whether a token source is configured, i.e. operator actions are on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(TokenFile) || !string.IsNullOrWhiteSpace(TokenEnvironmentVariable);
}
