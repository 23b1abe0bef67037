using FedChain.Ethereum;
using FedChain.Ethereum.Signing;

namespace FedChain.Ledger.Tests;

public class UpdateCommitmentSignerTests
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly UpdateCommitment Commitment = new(Bytes32.Keccak("run"), 3, Bytes32.Keccak("base"), Bytes32.Keccak("update"), 600);

    [Fact]
    public void Digest_EqualsManualEip712Composition()
    {
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var typeHash = Keccak256.Hash(UpdateCommitmentSigner.TypeString);
        var structHash = Keccak256.HashConcat(
            typeHash,
            Commitment.RunId.ToBytes(),
            Ethereum.Abi.AbiEncoder.Encode(["uint64"], [3UL]),
            Commitment.BaseModelHash.ToBytes(),
            Commitment.UpdateHash.ToBytes(),
            Ethereum.Abi.AbiEncoder.Encode(["uint64"], [600UL]));
        var domain = Keccak256.HashConcat(
            Keccak256.Hash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            Keccak256.Hash("FedChain"),
            Keccak256.Hash("1"),
            Ethereum.Abi.AbiEncoder.Encode(["uint256"], [31337]),
            Ethereum.Abi.AbiEncoder.Encode(["address"], [LedgerAddress]));
        Assert.Equal(Bytes32.FromBytes(domain), signer.DomainSeparator);
        Assert.Equal(Bytes32.FromBytes(Keccak256.HashConcat([0x19, 0x01], domain, structHash)), signer.Digest(Commitment));
    }

    [Fact]
    public void Sign_ThenRecover_GivesSigner()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var signature = signer.Sign(Commitment, key);
        Assert.Equal(65, signature.Length);
        Assert.Equal(key.Address, signer.RecoverSigner(Commitment, signature));
        Assert.True(signer.Verify(Commitment, signature, key.Address));
    }

    [Fact]
    public void Verify_OtherRoundChainOrLedger_Fails()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signature = new UpdateCommitmentSigner(31337, LedgerAddress).Sign(Commitment, key);
        Assert.False(new UpdateCommitmentSigner(31337, LedgerAddress).Verify(Commitment with { Round = 4 }, signature, key.Address));
        Assert.False(new UpdateCommitmentSigner(1, LedgerAddress).Verify(Commitment, signature, key.Address));
        Assert.False(new UpdateCommitmentSigner(31337, Address.Zero).Verify(Commitment, signature, key.Address));
    }

    [Fact]
    public void Verify_HighSOrMalformedSignature_Fails()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var parsed = EcdsaSignature.FromBytes(signer.Sign(Commitment, key));
        var n = System.Numerics.BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", System.Globalization.CultureInfo.InvariantCulture);
        var malleable = new EcdsaSignature(parsed.R, n - parsed.S, (byte)(parsed.RecoveryId ^ 1));
        Assert.Equal(key.Address, malleable.RecoverAddress(signer.Digest(Commitment).ToBytes()));
        Assert.False(signer.Verify(Commitment, malleable.ToBytes(), key.Address));
        Assert.False(signer.Verify(Commitment, new byte[64], key.Address));
    }
}
