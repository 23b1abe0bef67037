namespace FedChain.Ethereum.Signing;

/// <summary>A signed transaction ready for eth_sendRawTransaction.</summary>
/// <param name="RawTransaction">The serialized signed transaction.</param>
/// <param name="Hash">Its Keccak-256 (the transaction hash).</param>
public sealed record SignedTransaction(byte[] RawTransaction, byte[] Hash)
{
    /// <summary>0x-prefixed raw transaction.</summary>
    public string RawHex => Hex.Encode(RawTransaction);

    /// <summary>0x-prefixed transaction hash.</summary>
    public string HashHex => Hex.Encode(Hash);
}
