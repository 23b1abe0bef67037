using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Testing;

namespace FedChain.Ledger.Tests;

public class UpdateCommitmentSignerTests
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly UpdateCommitment Commitment = new(Bytes32.Keccak("run"), 3, Bytes32.Keccak("base"), Bytes32.Keccak("update"), 600, 1_234_567);

    [Fact]
    public void Digest_EqualsManualEip712Composition()
    {
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var typeHash = Keccak256.Hash(UpdateCommitmentSigner.TypeString);
        var structHash = Keccak256.Hash(Concat(
            typeHash,
            Commitment.RunId.ToBytes(),
            Word(3),
            Commitment.BaseModelHash.ToBytes(),
            Commitment.UpdateHash.ToBytes(),
            Word(600),
            Word(1_234_567)));
        var domain = Keccak256.Hash(Concat(
            Keccak256.Hash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
            Keccak256.Hash("FedChain"),
            Keccak256.Hash("1"),
            Word(31337),
            [.. new byte[12], .. LedgerAddress.ToBytes()]));
        Assert.Equal(Bytes32.FromBytes(domain), signer.DomainSeparator);
        Assert.Equal(Bytes32.FromBytes(Keccak256.Hash(Concat([0x19, 0x01], domain, structHash))), signer.Digest(Commitment));
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
        Assert.False(new UpdateCommitmentSigner(31337, LedgerAddress).Verify(Commitment with { EpsilonMicros = 1_234_566 }, signature, key.Address));
        Assert.False(new UpdateCommitmentSigner(1, LedgerAddress).Verify(Commitment, signature, key.Address));
        Assert.False(new UpdateCommitmentSigner(31337, Address.Zero).Verify(Commitment, signature, key.Address));
    }

    [Fact]
    public void Verify_HighSOrMalformedSignature_Fails()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var malleable = SignatureTwins.HighS(signer.Sign(Commitment, key));
        // The twin is a valid secp256k1 signature by the same key (plain recovery finds the signer) ...
        Assert.Equal(key.Address.ToLowerString(), SignatureTwins.RecoverIgnoringRules(malleable, signer.Digest(Commitment).ToBytes()));
        // ... which the ledger's rules (and so the signer) refuse.
        Assert.False(signer.Verify(Commitment, malleable, key.Address));
        Assert.False(signer.Verify(Commitment, new byte[64], key.Address));
    }

    [Fact]
    public void RecoverSigner_HighSTwin_ThrowsNamingLowSRule()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var ex = Assert.Throws<FormatException>(() => signer.RecoverSigner(Commitment, SignatureTwins.HighS(signer.Sign(Commitment, key))));
        Assert.Contains("low-s", ex.Message);
    }

    [Fact]
    public void RecoverSigner_VZeroOrOne_ThrowsNamingVRule()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var signature = SignatureTwins.RawV(signer.Sign(Commitment, key));
        Assert.True(signature[64] is 0 or 1);
        var ex = Assert.Throws<FormatException>(() => signer.RecoverSigner(Commitment, signature));
        Assert.Contains("v = 27 or 28", ex.Message);
    }

    [Fact]
    public void Sign_AlwaysLowSWithV27Or28()
    {
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        for (var i = 0; i < 32; i++)
        {
            using var key = EthereumKey.FromBytes(Keccak256.Hash($"hospital-{i}"));
            Assert.Null(UpdateCommitmentSigner.SignatureProblem(signer.Sign(Commitment with { Round = (ulong)i }, key)));
        }
    }

    [Fact]
    public void SignAndVerify_FromManyThreadsOnOneSigner_EverySignatureIsOverItsOwnCommitment()
    {
        // One signer serves every worker of an in-process simulation and every concurrent consumer of the aggregator.
        var signer = new UpdateCommitmentSigner(31337, LedgerAddress);
        var keys = Enumerable.Range(0, 8).Select(i => EthereumKey.FromBytes(Keccak256.Hash($"hospital-{i}"))).ToArray();
        var wrong = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var key = keys[i % keys.Length];
            var commitment = Commitment with { Round = (ulong)i, NumSamples = (ulong)(100 + i) };
            if (!signer.Verify(commitment, signer.Sign(commitment, key), key.Address) ||
                signer.Digest(commitment) != new UpdateCommitmentSigner(31337, LedgerAddress).Digest(commitment))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        foreach (var key in keys)
        {
            key.Dispose();
        }

        Assert.Equal(0, wrong);
    }

    private static byte[] Word(ulong value)
    {
        var word = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(word.AsSpan(24), value);
        return word;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
