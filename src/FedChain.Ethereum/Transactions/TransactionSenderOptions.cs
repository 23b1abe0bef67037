namespace FedChain.Ethereum.Transactions;

/// <summary>How a <see cref="TransactionSender"/> prices, sends and waits for transactions.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ethereum:Sender";

    /// <summary>The chain id the node must report; the sender refuses any other node.</summary>
    public long ChainId { get; set; }

    /// <summary>Extra gas over eth_estimateGas, in percent.</summary>
    public int GasMarginPercent { get; set; } = 20;

    /// <summary>Blocks (including the transaction's own) before a receipt counts as final.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>How long to wait for a receipt (and its confirmations).</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Receipt polling interval.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Tip used when the node offers no fee history rewards.</summary>
    public long FallbackPriorityFeeWei { get; set; } = 1_000_000_000;

    /// <summary>How many times to resend after "nonce too low".</summary>
    public int NonceRetries { get; set; } = 3;
}
