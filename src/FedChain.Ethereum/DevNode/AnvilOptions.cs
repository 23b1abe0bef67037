namespace FedChain.Ethereum.DevNode;

/// <summary>How to start an anvil dev node.</summary>
public sealed class AnvilOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Anvil";

    /// <summary>Anvil's well-known development mnemonic.</summary>
    public const string DefaultMnemonic = "test test test test test test test test test test test junk";

    /// <summary>Path to the anvil binary.</summary>
    public string BinaryPath { get; set; } = "anvil";

    /// <summary>Chain id the node serves.</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>Mnemonic the dev accounts derive from.</summary>
    public string Mnemonic { get; set; } = DefaultMnemonic;

    /// <summary>Number of funded dev accounts.</summary>
    public int Accounts { get; set; } = 10;

    /// <summary>Seconds between blocks; null mines one block per transaction.</summary>
    public int? BlockTimeSeconds { get; set; }

    /// <summary>How long to wait for the node to answer eth_chainId.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
