namespace FedChain.Ethereum.Signing;

/// <summary>An EIP-2930 access list entry: an address and the storage keys the transaction touches.</summary>
/// <param name="Address">Account.</param>
/// <param name="StorageKeys">32-byte storage slots.</param>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Bytes32> StorageKeys);
