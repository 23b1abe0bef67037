namespace FedChain.Ledger;

/// <summary>Where the ledger lives and how to talk to it.</summary>
public sealed class LedgerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ledger";

    /// <summary>JSON-RPC endpoint of the node.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:8545";

    /// <summary>Chain id the node must serve.</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>Address of the deployed FedChainLedger (empty before deployment).</summary>
    public string LedgerAddress { get; set; } = string.Empty;

    /// <summary>Confirmations to wait for after each transaction.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>Seconds to wait for a receipt.</summary>
    public int ReceiptTimeoutSeconds { get; set; } = 120;

    /// <summary>Seconds before a single RPC call times out.</summary>
    public int RpcTimeoutSeconds { get; set; } = 30;
}
