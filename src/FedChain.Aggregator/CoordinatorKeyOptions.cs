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

    /// <summary>Loads the key through the one key loader; a missing or unreadable source names the setting, never the secret.</summary>
    public EthereumKey Load()
    {
        try
        {
            return KeySource.Load(new KeyLocation(KeyFile, KeyPasswordFile, KeyEnvironmentVariable,
                $"{SectionName}:{nameof(KeyFile)}", $"{SectionName}:{nameof(KeyPasswordFile)}", $"{SectionName}:{nameof(KeyEnvironmentVariable)}",
                "the aggregator signs the round commits"));
        }
        catch (KeyLoadException e)
        {
            throw new OptionsValidationException(SectionName, GetType(), [e.Message]);
        }
    }
}
