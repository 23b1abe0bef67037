namespace FedChain.Ethereum.Signing;

/// <summary>
/// Where a host's signing key comes from: exactly one of a keystore file (password from an environment
/// variable or a file), an environment variable holding a hex key, or a file holding a hex key.
/// Only locations are configured; secrets themselves never sit in configuration.
/// </summary>
public sealed class SigningKeyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Signing";

    /// <summary>Path of a Web3 Secret Storage v3 keystore file.</summary>
    public string? KeystorePath { get; set; }

    /// <summary>Environment variable holding the keystore password.</summary>
    public string? KeystorePasswordEnvironmentVariable { get; set; }

    /// <summary>File holding the keystore password (e.g. a mounted secret).</summary>
    public string? KeystorePasswordFile { get; set; }

    /// <summary>Environment variable holding a hex private key.</summary>
    public string? PrivateKeyEnvironmentVariable { get; set; }

    /// <summary>File holding a hex private key (e.g. a mounted secret).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Problems with the configuration, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var sources = new[] { KeystorePath, PrivateKeyEnvironmentVariable, PrivateKeyFile }.Count(s => !string.IsNullOrWhiteSpace(s));
        if (sources != 1)
        {
            errors.Add($"{SectionName}: set exactly one of {nameof(KeystorePath)}, {nameof(PrivateKeyEnvironmentVariable)}, {nameof(PrivateKeyFile)} (found {sources}).");
        }
        if (!string.IsNullOrWhiteSpace(KeystorePath)
            && string.IsNullOrWhiteSpace(KeystorePasswordEnvironmentVariable) == string.IsNullOrWhiteSpace(KeystorePasswordFile))
        {
            errors.Add($"{SectionName}: with {nameof(KeystorePath)}, set exactly one of {nameof(KeystorePasswordEnvironmentVariable)}, {nameof(KeystorePasswordFile)}.");
        }
        return errors;
    }
}
