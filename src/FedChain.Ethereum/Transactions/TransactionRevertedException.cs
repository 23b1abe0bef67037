namespace FedChain.Ethereum.Transactions;

/// <summary>
/// A mined transaction has status 0. <see cref="RevertData"/> is the revert data reproduced by replaying the call on
/// the parent block (the receipt does not carry it), for the contract's bindings to decode.
/// </summary>
public sealed class TransactionRevertedException : Exception
{
    /// <summary>Creates the exception for a mined revert.</summary>
    public TransactionRevertedException(string transactionHash, string context, string? revertData, string? revertMessage)
        : base($"{context} reverted in transaction {transactionHash}" + (revertMessage is null ? string.Empty : $": {revertMessage}"))
    {
        TransactionHash = transactionHash;
        RevertData = revertData;
    }

    /// <summary>The mined transaction.</summary>
    public string TransactionHash { get; }

    /// <summary>Hex revert data (null when the replay reproduced none).</summary>
    public string? RevertData { get; }
}
