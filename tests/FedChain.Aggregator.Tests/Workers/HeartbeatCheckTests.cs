using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Workers;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Testing;

namespace FedChain.Aggregator.Tests.Workers;

public sealed class HeartbeatCheckTests : IDisposable
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly EthereumKey _key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
    private readonly EthereumKey _other = EthereumKey.FromBytes(Keccak256.Hash("hospital-b"));
    private readonly OffChainRoundLedger _ledger = new(31337, LedgerAddress, []);

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    /// <summary>A heartbeat signed as a worker signs it (the same signer the aggregator's ledger recovers with).</summary>
    public static WorkerAvailable Signed(string workerId, EthereumKey key, DateTimeOffset sentAt, EthereumKey? signedBy = null) =>
        new(RunIds.None, 0, workerId, key.Address.ToLowerString(), ["mlp"], 1200, sentAt,
            new HeartbeatSigner(31337, LedgerAddress).Sign(workerId, ["mlp"], 1200, sentAt, signedBy ?? key));

    private (string? Signer, string? Problem) Verify(WorkerAvailable heartbeat) => HeartbeatCheck.Verify(heartbeat, Now, Freshness, _ledger);

    [Fact]
    public void Verify_SignedByTheNamedAddress_GivesSigner()
    {
        var (signer, problem) = Verify(Signed("hospital-a", _key, Now.AddSeconds(-2)));

        Assert.Null(problem);
        Assert.Equal(_key.Address.ToLowerString(), signer);
    }

    [Fact]
    public void Verify_OldOrFromTheFuture_RefusedNamingTheDirection_SameTextEachTime()
    {
        const string Old = "worker hospital-a: heartbeat sent more than 00:00:30 before the aggregator's clock (replayed, or the clocks disagree)";
        Assert.Equal(Old, Verify(Signed("hospital-a", _key, Now.AddSeconds(-31))).Problem);
        Assert.Equal(Old, Verify(Signed("hospital-a", _key, Now.AddSeconds(-90))).Problem);
        Assert.Equal("worker hospital-a: heartbeat sent more than 00:00:30 after the aggregator's clock (replayed, or the clocks disagree)",
            Verify(Signed("hospital-a", _key, Now.AddSeconds(31))).Problem);
    }

    [Fact]
    public void Verify_ModelNameWithALineBreak_Refused()
    {
        // ["mlp\ncnn"] and ["mlp", "cnn"] hash alike (names joined by newlines): the first is refused before the signature.
        var signed = Signed("hospital-a", _key, Now);

        Assert.Equal("worker hospital-a: heartbeat with an empty model name or one containing a line break",
            Verify(signed with { Models = ["mlp\ncnn"] }).Problem);
    }

    [Fact]
    public void Verify_AnotherKeyInItsName_Refused()
    {
        Assert.Equal($"worker hospital-a: heartbeat signature recovers to {_other.Address.ToLowerString()}, not the claimed {_key.Address.ToLowerString()} (not these values, or not its key)",
            Verify(Signed("hospital-a", _key, Now, signedBy: _other)).Problem);
    }

    [Fact]
    public void Verify_ValuesChangedAfterSigning_Refused()
    {
        var signed = Signed("hospital-a", _key, Now);

        Assert.Contains("recovers to", Verify(signed with { Models = ["mlp", "cnn"] }).Problem);
        Assert.Contains("recovers to", Verify(signed with { SampleCount = 1_000_000 }).Problem);
        Assert.Contains("recovers to", Verify(signed with { WorkerId = "hospital-b" }).Problem);
    }

    [Fact]
    public void Verify_UnsignedOrHighS_RefusedNamingTheRule()
    {
        var signed = Signed("hospital-a", _key, Now);

        Assert.Equal("worker hospital-a: heartbeat signature refused: signature is 0 bytes; the ledger accepts only 65-byte r || s || v signatures",
            Verify(signed with { Signature = [] }).Problem);
        Assert.Contains("low-s", Verify(signed with { Signature = SignatureTwins.HighS(signed.Signature) }).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Verify_NoWorkerId_Refused(string workerId)
    {
        Assert.Equal($"a heartbeat with a worker id of {workerId.Length} characters; between 1 and 200 are taken", Verify(Signed(workerId, _key, Now)).Problem);
    }
}
