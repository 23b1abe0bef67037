using FedChain.Ethereum;
using FedChain.Ethereum.Signing;

namespace FedChain.Ledger.Tests;

public sealed class FeatureStatisticsSignerTests
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Bytes32 Run = Bytes32.Keccak("run");
    private static readonly Bytes32 Task = Bytes32.Keccak("task");
    private static readonly Bytes32 Statistics = Bytes32.Keccak("statistics");

    [Fact]
    public void Digest_EqualsManualEip712Composition()
    {
        var signer = new FeatureStatisticsSigner(31337, LedgerAddress);
        var structHash = Keccak256.Hash([.. Keccak256.Hash(FeatureStatisticsSigner.TypeString), .. Run.ToBytes(), .. Task.ToBytes(), .. Statistics.ToBytes()]);
        var domain = new UpdateCommitmentSigner(31337, LedgerAddress).DomainSeparator.ToBytes();

        Assert.Equal(Bytes32.FromBytes(Keccak256.Hash([0x19, 0x01, .. domain, .. structHash])), signer.Digest(Run, Task, Statistics));
    }

    [Fact]
    public void Sign_ThenRecover_GivesSigner()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new FeatureStatisticsSigner(31337, LedgerAddress);

        var signature = signer.Sign(Run, Task, Statistics, key);

        Assert.Equal(key.Address, signer.RecoverSigner(Run, Task, Statistics, signature));
        Assert.Null(UpdateCommitmentSigner.SignatureProblem(signature));
    }

    [Fact]
    public void RecoverSigner_OtherStatisticsRunOrDomain_GivesAnotherAddress()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signature = new FeatureStatisticsSigner(31337, LedgerAddress).Sign(Run, Task, Statistics, key);

        Assert.NotEqual(key.Address, new FeatureStatisticsSigner(31337, LedgerAddress).RecoverSigner(Run, Task, Bytes32.Keccak("other"), signature));
        Assert.NotEqual(key.Address, new FeatureStatisticsSigner(31337, LedgerAddress).RecoverSigner(Bytes32.Keccak("run 2"), Task, Statistics, signature));
        Assert.NotEqual(key.Address, new FeatureStatisticsSigner(1, LedgerAddress).RecoverSigner(Run, Task, Statistics, signature));
    }

    [Fact]
    public void RecoverSigner_MalformedSignature_ThrowsNamingTheRule()
    {
        var signer = new FeatureStatisticsSigner(31337, LedgerAddress);

        Assert.Equal("signature is 0 bytes; the ledger accepts only 65-byte r || s || v signatures",
            Assert.Throws<FormatException>(() => signer.RecoverSigner(Run, Task, Statistics, [])).Message);
        var badV = new byte[65];
        badV[64] = 29;
        Assert.Equal("signature has v = 29; the ledger accepts only v = 27 or 28",
            Assert.Throws<FormatException>(() => signer.RecoverSigner(Run, Task, Statistics, badV)).Message);
    }
}
