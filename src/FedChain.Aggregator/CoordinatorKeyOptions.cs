using FedChain.Ethereum.Signing;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator;

/// <summary>Where the coordinator's key comes from (section "Coordinator"): a keystore or key file, or an environment variable. Never logged.</summary>
public sealed class CoordinatorKeyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Coordinator";

    /// <summary>A keystore v3 JSON or a raw 0x hex key file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The keystore's password file.</summary>
    public string? KeyPasswordFile { get; set; }

    /// <summary>An environment variable holding a raw 0x hex key.</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>Loads the key; a missing or unreadable source names the setting, never the secret.</summary>
    public Ethereum.Signing.EthereumKey Load()
    {
        if (!string.IsNullOrWhiteSpace(KeyFile))
        {
            if (!File.Exists(KeyFile))
            {
                throw new OptionsValidationException(SectionName, GetType(), [$"Coordinator:KeyFile '{KeyFile}' does not exist"]);
            }

            if (!File.ReadAllText(KeyFile).TrimStart().StartsWith('{'))
            {
                return KeySource.FromHexFile(KeyFile);
            }

            return string.IsNullOrWhiteSpace(KeyPasswordFile)
                ? throw new OptionsValidationException(SectionName, GetType(), ["Coordinator:KeyPasswordFile is required with a keystore Coordinator:KeyFile"])
                : KeySource.FromKeystoreFile(KeyFile, File.ReadAllText(KeyPasswordFile).TrimEnd('\r', '\n'));
        }

        return !string.IsNullOrWhiteSpace(KeyEnvironmentVariable)
            ? KeySource.FromEnvironment(KeyEnvironmentVariable)
            : throw new OptionsValidationException(SectionName, GetType(), ["set Coordinator:KeyFile or Coordinator:KeyEnvironmentVariable: the aggregator signs the round commits"]);
    }
}
