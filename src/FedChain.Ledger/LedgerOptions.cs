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

    /// <summary>Problems with the configuration, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate(bool requireLedgerAddress = true)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(RpcUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{SectionName}:{nameof(RpcUrl)} must be an absolute http(s) URL.");
        }
        if (ChainId <= 0)
        {
            errors.Add($"{SectionName}:{nameof(ChainId)} must be positive, got {ChainId}.");
        }
        if (requireLedgerAddress && string.IsNullOrWhiteSpace(LedgerAddress))
        {
            errors.Add($"{SectionName}:{nameof(LedgerAddress)} is not set (deploy the ledger first).");
        }
        else if (!string.IsNullOrWhiteSpace(LedgerAddress) && !FedChain.Ethereum.Address.TryParse(LedgerAddress, out _))
        {
            errors.Add($"{SectionName}:{nameof(LedgerAddress)} '{LedgerAddress}' is not a valid (EIP-55) address.");
        }
        if (Confirmations < 1)
        {
            errors.Add($"{SectionName}:{nameof(Confirmations)} must be at least 1, got {Confirmations}.");
        }
        if (ReceiptTimeoutSeconds <= 0 || RpcTimeoutSeconds <= 0)
        {
            errors.Add($"{SectionName}: {nameof(ReceiptTimeoutSeconds)} and {nameof(RpcTimeoutSeconds)} must be positive.");
        }
        return errors;
    }
}
