namespace FedChain.Ethereum.Transactions;

/// <summary>A sent transaction was not mined (or not confirmed) within the timeout; it may still be mined later.</summary>
public sealed class ReceiptTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public ReceiptTimeoutException(string transactionHash, TimeSpan timeout, string stage)
        : base($"Transaction {transactionHash} was not {stage} within {timeout.TotalSeconds:0.#} s; it may still be mined later.")
    {
        TransactionHash = transactionHash;
    }

    /// <summary>The transaction waited for.</summary>
    public string TransactionHash { get; }
}
