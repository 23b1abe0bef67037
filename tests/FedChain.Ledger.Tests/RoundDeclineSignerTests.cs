using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Testing;

namespace FedChain.Ledger.Tests;

public sealed class RoundDeclineSignerTests
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Bytes32 Run = Bytes32.Keccak("run");
    private const string Reason = "run offers ε = 8 at δ = 1E-05; this site accepts at most ε = 3";

    [Fact]
    public void Digest_EqualsManualEip712Composition()
    {
        var signer = new RoundDeclineSigner(31337, LedgerAddress);
        var round = new byte[32];
        round[31] = 7;
        var reasonHash = Keccak256.Hash(Reason);
        var structHash = Keccak256.Hash([.. Keccak256.Hash(RoundDeclineSigner.TypeString), .. Run.ToBytes(), .. round, .. reasonHash]);
        var domain = new UpdateCommitmentSigner(31337, LedgerAddress).DomainSeparator.ToBytes();

        Assert.Equal(Bytes32.FromBytes(reasonHash), RoundDeclineSigner.ReasonHash(Reason));
        Assert.Equal(Bytes32.FromBytes(Keccak256.Hash([0x19, 0x01, .. domain, .. structHash])), signer.Digest(Run, 7, RoundDeclineSigner.ReasonHash(Reason)));
    }

    [Fact]
    public void Sign_ThenRecover_GivesSignerUnderTheContractsRules()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new RoundDeclineSigner(31337, LedgerAddress);

        var signature = signer.Sign(Run, 3, RoundDeclineSigner.ReasonHash(Reason), key);

        Assert.Equal(key.Address, signer.RecoverSigner(Run, 3, RoundDeclineSigner.ReasonHash(Reason), signature));
        Assert.Null(UpdateCommitmentSigner.SignatureProblem(signature));
    }

    [Fact]
    public void RecoverSigner_OtherRoundRunReasonOrDomain_GivesAnotherAddress()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var reason = RoundDeclineSigner.ReasonHash(Reason);
        var signature = new RoundDeclineSigner(31337, LedgerAddress).Sign(Run, 3, reason, key);

        Assert.NotEqual(key.Address, new RoundDeclineSigner(31337, LedgerAddress).RecoverSigner(Run, 4, reason, signature));
        Assert.NotEqual(key.Address, new RoundDeclineSigner(31337, LedgerAddress).RecoverSigner(Bytes32.Keccak("run 2"), 3, reason, signature));
        Assert.NotEqual(key.Address, new RoundDeclineSigner(31337, LedgerAddress).RecoverSigner(Run, 3, RoundDeclineSigner.ReasonHash("another reason"), signature));
        Assert.NotEqual(key.Address, new RoundDeclineSigner(new BigInteger(1), LedgerAddress).RecoverSigner(Run, 3, reason, signature));
    }

    [Fact]
    public void RecoverSigner_HighSTwin_ThrowsNamingTheLowSRule()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new RoundDeclineSigner(31337, LedgerAddress);
        var reason = RoundDeclineSigner.ReasonHash(Reason);

        var twin = SignatureTwins.HighS(signer.Sign(Run, 3, reason, key));

        Assert.Contains("low-s", Assert.Throws<FormatException>(() => signer.RecoverSigner(Run, 3, reason, twin)).Message);
    }
}
