namespace FedChain.ServiceDefaults;

/// <summary>
/// A secret string (password, private key) that never prints itself: ToString and logging see
/// a redaction marker, so a secret cannot leak through a log line or an exception message.
/// </summary>
public sealed class SecretText
{
    /// <summary>What a secret prints as.</summary>
    public const string Redacted = "***redacted***";

    private readonly string _value;

    /// <summary>Wraps a secret value.</summary>
    public SecretText(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The secret itself, for the one place that needs it (a signer, a connection).</summary>
    public string Reveal() => _value;

    /// <inheritdoc />
    public override string ToString() => Redacted;
}
