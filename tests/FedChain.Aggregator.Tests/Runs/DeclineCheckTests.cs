using System.Security.Cryptography;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Runs;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Testing;

namespace FedChain.Aggregator.Tests.Runs;

public sealed class DeclineCheckTests : IDisposable
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly string RunId = RunIds.Format(SHA256.HashData("decline-check-run"u8));
    private static readonly string[] Selected = ["hospital-a", "hospital-b"];
    private const string Reason = "privacy budget spent";
    private readonly EthereumKey _key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
    private readonly EthereumKey _other = EthereumKey.FromBytes(Keccak256.Hash("hospital-b"));
    private readonly OffChainRoundLedger _ledger;

    public DeclineCheckTests() => _ledger = new OffChainRoundLedger(31337, LedgerAddress, [_key.Address.ToLowerString(), _other.Address.ToLowerString()]);

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private string OwnAddress => _key.Address.ToLowerString();

    private RoundDeclined Declined(int round = 2, string reason = Reason, EthereumKey? signedBy = null, string worker = "hospital-a") =>
        new(RunId, round, worker, OwnAddress, reason,
            new RoundDeclineSigner(31337, LedgerAddress).Sign(Bytes32.FromBytes(RunIds.Parse(RunId)), (ulong)round, RoundDeclineSigner.ReasonHash(reason), signedBy ?? _key));

    private (string? Signer, string? Problem) Verify(RoundDeclined declined, int? openRound = 2, bool answered = false, string? heartbeatAddress = "") =>
        DeclineCheck.Verify(declined, openRound, Selected, answered, heartbeatAddress == "" ? OwnAddress : heartbeatAddress, _ledger);

    [Fact]
    public void Verify_SignedByTheWorkersHeartbeatAddress_GivesSigner()
    {
        var (signer, problem) = Verify(Declined());

        Assert.Null(problem);
        Assert.Equal(OwnAddress, signer);
    }

    [Fact]
    public void Verify_RoundNotOpen_RefusedNamingTheOpenRound()
    {
        Assert.Equal($"worker hospital-a declined round 1 of run {RunId}, which is not open (open round: 2)", Verify(Declined(round: 1)).Problem);
        Assert.Equal($"worker hospital-a declined round 2 of run {RunId}, which is not open (open round: none)", Verify(Declined(), openRound: null).Problem);
    }

    [Fact]
    public void Verify_NotSelected_Refused()
    {
        Assert.Equal("worker hospital-c declined round 2 but was not selected for it", Verify(Declined(worker: "hospital-c")).Problem);
    }

    [Fact]
    public void Verify_AfterAnUpdate_Refused()
    {
        Assert.Equal("worker hospital-a declined round 2 after answering it (an update or a failure is recorded already)", Verify(Declined(), answered: true).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoReason_Refused(string reason)
    {
        Assert.Equal("worker hospital-a declined round 2 without a reason", Verify(Declined(reason: reason)).Problem);
    }

    [Fact]
    public void Verify_ReasonLongerThanTaken_RefusedNamingTheLimit()
    {
        Assert.Equal("worker hospital-a declined round 2 with a reason of 2001 characters; at most 2000 are taken",
            Verify(Declined(reason: new string('x', RoundDeclined.MaxReasonLength + 1))).Problem);
    }

    [Fact]
    public void Verify_ReasonChangedAfterSigning_RefusedAsNotThisReason()
    {
        var (signer, problem) = Verify(Declined() with { Reason = "no consent" });

        Assert.Null(signer);
        Assert.StartsWith("worker hospital-a: decline signature recovers to 0x", problem);
        Assert.EndsWith($"not the claimed {OwnAddress} (not this run, round and reason, or not its key)", problem);
    }

    [Fact]
    public void Verify_AnotherParticipantsKeyInThisWorkersName_Refused()
    {
        // hospital-b, a registered participant, declines for hospital-a: its signature recovers to itself, not to hospital-a.
        var forged = Declined(signedBy: _other);

        Assert.Equal($"worker hospital-a: decline signature recovers to {_other.Address.ToLowerString()}, not the claimed {OwnAddress} (not this run, round and reason, or not its key)",
            Verify(forged).Problem);
        // ... and claiming its own address it is still not the address hospital-a's heartbeats name.
        Assert.Equal($"worker hospital-a: decline signed by {_other.Address.ToLowerString()}, but the worker's heartbeats name {OwnAddress}",
            Verify(forged with { Address = _other.Address.ToLowerString() }).Problem);
    }

    [Fact]
    public void Verify_WorkerNeverHeardFrom_Refused()
    {
        Assert.Equal($"worker hospital-a: decline signed by {OwnAddress}, but the worker's heartbeats name no address (never heard from)", Verify(Declined(), heartbeatAddress: null).Problem);
    }

    [Fact]
    public void Verify_HighSTwinOrUnsigned_RefusedNamingTheRule()
    {
        var valid = Declined();

        Assert.Contains("low-s", Verify(valid with { Signature = SignatureTwins.HighS(valid.Signature) }).Problem);
        Assert.Equal("worker hospital-a: decline signature refused: signature is 0 bytes; the ledger accepts only 65-byte r || s || v signatures",
            Verify(valid with { Signature = [] }).Problem);
    }
}
