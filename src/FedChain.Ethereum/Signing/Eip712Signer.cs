namespace FedChain.Ethereum.Signing;

/// <summary>Signs EIP-712 typed data and recovers its signer.</summary>
public static class Eip712Signer
{
    /// <summary>Signs the typed data's digest (eth_signTypedData_v4 semantics).</summary>
    public static EcdsaSignature Sign(TypedData data, EthereumKey key) => key.SignHash(Eip712Encoder.Digest(data));

    /// <summary>The address whose key produced <paramref name="signature"/> over the typed data.</summary>
    public static Address RecoverSigner(TypedData data, EcdsaSignature signature) =>
        signature.RecoverAddress(Eip712Encoder.Digest(data));
}
