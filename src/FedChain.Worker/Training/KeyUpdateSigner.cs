using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;

namespace FedChain.Worker.Training;

/// <summary>Signs UpdateCommitments with the worker's own key under the ledger's EIP-712 domain.</summary>
public sealed class KeyUpdateSigner(EthereumKey key, UpdateCommitmentSigner commitments) : IUpdateSigner
{
    /// <inheritdoc />
    public string Address { get; } = key.Address.ToLowerString();

    /// <inheritdoc />
    public byte[] Sign(byte[] runId, int round, byte[] baseModelHash, byte[] updateHash, long numSamples) =>
        commitments.Sign(
            new UpdateCommitment(Bytes32.FromBytes(runId), (ulong)round, Bytes32.FromBytes(baseModelHash), Bytes32.FromBytes(updateHash), (ulong)numSamples),
            key);
}
