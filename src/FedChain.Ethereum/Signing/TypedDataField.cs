namespace FedChain.Ethereum.Signing;

/// <summary>One member of an EIP-712 struct type.</summary>
/// <param name="Name">Member name.</param>
/// <param name="Type">Member type: an atomic/dynamic Solidity type, a struct name, or an array of those.</param>
public sealed record TypedDataField(string Name, string Type);
