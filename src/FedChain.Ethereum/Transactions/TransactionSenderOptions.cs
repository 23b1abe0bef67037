namespace FedChain.Ethereum.Transactions;

/// <summary>How <see cref="TransactionSender"/> sends: the chain it must be on, gas margin, receipt waiting.</summary>
public sealed class TransactionSenderOptions
{
    /// <summary>Chain id the node must report (checked before the first transaction is signed).</summary>
    public long ChainId { get; set; }

    /// <summary>Percent added to the node's gas estimate.</summary>
    public int GasMarginPercent { get; set; } = 20;

    /// <summary>Blocks (including the one it is mined in) a receipt must have before it counts.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>How long to wait for a receipt and its confirmations.</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often to poll for the receipt.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Times a send is retried after "nonce too low" (another sender used the account).</summary>
    public int NonceRetries { get; set; } = 3;
}
