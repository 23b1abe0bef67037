using FedChain.Testing;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ledger.Tests;

/// <summary>Consent to a run on a real anvil chain: required for every contribution, withdrawable for later rounds, not replayable.</summary>
[Trait("Category", "Integration")]
public sealed class ConsentIntegrationTests : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly Bytes32 Spec = Bytes32.Keccak("consent-spec");
    private static readonly Bytes32 Initial = Bytes32.Keccak("consent-initial");
    private readonly AnvilFixture _anvil;
    private readonly List<IDisposable> _disposables = [];

    public ConsentIntegrationTests(AnvilFixture anvil) => _anvil = anvil;

    public void Dispose()
    {
        foreach (var d in _disposables)
        {
            d.Dispose();
        }
    }

    private EthereumKey Key(int index)
    {
        var key = _anvil.Node.DevAccountKey(index);
        _disposables.Add(key);
        return key;
    }

    private TransactionSender Sender(EthereumKey key) =>
        new(new ChainConnection(_anvil.Node.RpcUrl, TestChain.RpcTimeout), key,
            new TransactionSenderOptions { ChainId = _anvil.Node.ChainId, ReceiptTimeout = TestChain.ReceiptTimeout, PollInterval = TimeSpan.FromMilliseconds(50) });

    private async Task<(LedgerService Coordinator, EthereumKey[] Hospitals, Bytes32 RunId)> DeployAsync(string name)
    {
        var coordinator = await LedgerService.DeployAsync(Sender(Key(2)));
        var hospitals = new[] { Key(5), Key(6) };
        foreach (var h in hospitals)
        {
            await coordinator.RegisterParticipantAsync(h.Address, Bytes32.Keccak(h.Address.ToString()));
        }

        var runId = Bytes32.Keccak(name);
        await coordinator.CreateRunAsync(runId, Spec, Initial, BigInteger.Pow(10, 20));
        return (coordinator, hospitals, runId);
    }

    private static Bytes32 Model(ulong round) => Bytes32.Keccak($"consent-model-{round}");

    private static Contribution Contribute(LedgerService service, EthereumKey hospital, Bytes32 runId, ulong round, uint epsilonMicros = 0)
    {
        var update = Bytes32.Keccak($"update-{hospital.Address}-{round}");
        var baseModel = round == 1 ? Initial : Model(round - 1);
        return new Contribution(hospital.Address, update, 10, 500_000, 1, service.Commitments.Sign(new UpdateCommitment(runId, round, baseModel, update, 10, epsilonMicros), hospital), epsilonMicros);
    }

    private static Task<TransactionReceipt> CommitAsync(LedgerService service, Bytes32 runId, ulong round, params Contribution[] contributions) =>
        service.CommitRoundAsync(runId, round, round == 1 ? Initial : Model(round - 1), Model(round), Bytes32.Zero, contributions);

    [Fact]
    public async Task CommitRound_ParticipantWithoutConsent_RevertsNoConsentEvenWhenTheCoordinatorSigns()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("no-consent");

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => CommitAsync(coordinator, runId, 1, Contribute(coordinator, hospitals[0], runId, 1)));

        Assert.Equal("NoConsent", ex.ErrorName);
        Assert.Equal(hospitals[0].Address, ex.Argument("participant"));
        Assert.Equal(0UL, await coordinator.LastRoundAsync(runId));
    }

    [Fact]
    public async Task CommitRound_EpsilonOtherThanTheHospitalSigned_RevertsInvalidSignatureAndRecordsNothing()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("misstated-epsilon");
        await coordinator.GiveConsentBySigAsync(runId, hospitals[0].Address, coordinator.Consents.Sign(runId, Spec, hospitals[0]));
        // The hospital signed 410,000 micro-epsilon; the coordinator books less.
        var understated = Contribute(coordinator, hospitals[0], runId, 1, 410_000) with { EpsilonMicros = 100_000 };

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => CommitAsync(coordinator, runId, 1, understated));

        Assert.Equal("InvalidSignature", ex.ErrorName);
        Assert.Equal(hospitals[0].Address, ex.Argument("contributor"));
        Assert.Equal(0UL, await coordinator.LastRoundAsync(runId));
    }

    [Fact]
    public async Task Consent_GivenThenWithdrawn_IsHonouredFromTheNextRound()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("withdrawn");
        // One hospital sends its consent itself; the other's signed consent is relayed by the coordinator.
        var first = await LedgerService.ConnectAsync(coordinator.LedgerAddress, new ChainConnection(_anvil.Node.RpcUrl, TestChain.RpcTimeout), Sender(hospitals[0]));
        await first.GiveConsentAsync(runId);
        Assert.Equal(await coordinator.Ledger.HashRunConsentAsync(runId, Spec), coordinator.Consents.Digest(runId, Spec));
        await coordinator.GiveConsentBySigAsync(runId, hospitals[1].Address, coordinator.Consents.Sign(runId, Spec, hospitals[1]));
        Assert.Equal(new ConsentRecord(1, 0), await coordinator.ConsentOfAsync(runId, hospitals[1].Address));

        await CommitAsync(coordinator, runId, 1, Contribute(coordinator, hospitals[0], runId, 1, 410_000), Contribute(coordinator, hospitals[1], runId, 1, 390_000));
        await first.WithdrawConsentAsync(runId);

        var withdrawn = await coordinator.ConsentOfAsync(runId, hospitals[0].Address);
        Assert.Equal(new ConsentRecord(1, 2), withdrawn);
        Assert.True(withdrawn.Covers(1));
        Assert.False(withdrawn.Covers(2));
        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            CommitAsync(coordinator, runId, 2, Contribute(coordinator, hospitals[0], runId, 2), Contribute(coordinator, hospitals[1], runId, 2)));
        Assert.Equal("NoConsent", ex.ErrorName);
        Assert.Equal(hospitals[0].Address, ex.Argument("participant"));
        await CommitAsync(coordinator, runId, 2, Contribute(coordinator, hospitals[1], runId, 2, 120_000));

        // Round 1's records (and the epsilon each hospital spent) stay.
        Assert.Equal(410_000u, (await coordinator.ContributionOfAsync(runId, 1, hospitals[0].Address)).EpsilonMicros);
        var events = await coordinator.GetContributionRecordedEventsAsync(runId);
        Assert.Equal(390_000u + 120_000u, (uint)events.Where(e => e.Contributor == hospitals[1].Address).Sum(e => e.EpsilonMicros));
    }

    [Fact]
    public async Task GiveConsentBySig_ReplayedForAnotherRun_RevertsAndRecordsNothing()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("replay-run");
        var otherRun = Bytes32.Keccak("replay-run-other");
        await coordinator.CreateRunAsync(otherRun, Bytes32.Keccak("other-spec"), Bytes32.Keccak("other-initial"), 1);
        var signature = coordinator.Consents.Sign(runId, Spec, hospitals[0]);
        await coordinator.GiveConsentBySigAsync(runId, hospitals[0].Address, signature);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => coordinator.GiveConsentBySigAsync(otherRun, hospitals[0].Address, signature));

        Assert.Equal("InvalidConsentSignature", ex.ErrorName);
        Assert.Equal(new ConsentRecord(0, 0), await coordinator.ConsentOfAsync(otherRun, hospitals[0].Address));
    }

    [Fact]
    public async Task GiveConsentBySig_SignedForAnotherChain_RevertsInvalidConsentSignature()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("replay-chain");
        var otherChain = new RunConsentSigner(_anvil.Node.ChainId + 1, coordinator.LedgerAddress);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => coordinator.GiveConsentBySigAsync(runId, hospitals[0].Address, otherChain.Sign(runId, Spec, hospitals[0])));

        Assert.Equal("InvalidConsentSignature", ex.ErrorName);
        Assert.Equal(new ConsentRecord(0, 0), await coordinator.ConsentOfAsync(runId, hospitals[0].Address));
    }

    [Fact]
    public async Task GiveConsentBySig_BadInput_EachAClearErrorAndNothingRecorded()
    {
        var (coordinator, hospitals, runId) = await DeployAsync("bad-consent");
        var unknownRun = Bytes32.Keccak("never-created");

        var byAnotherKey = await Assert.ThrowsAsync<LedgerRevertException>(() => coordinator.GiveConsentBySigAsync(runId, hospitals[0].Address, coordinator.Consents.Sign(runId, Spec, hospitals[1])));
        var unknown = await Assert.ThrowsAsync<LedgerRevertException>(() => coordinator.GiveConsentBySigAsync(unknownRun, hospitals[0].Address, coordinator.Consents.Sign(unknownRun, Spec, hospitals[0])));
        var malformed = await Assert.ThrowsAsync<LedgerRevertException>(() => coordinator.GiveConsentBySigAsync(runId, hospitals[0].Address, [1, 2, 3]));

        Assert.Equal("InvalidConsentSignature", byAnotherKey.ErrorName);
        Assert.Equal(hospitals[0].Address, byAnotherKey.Argument("participant"));
        Assert.Equal("UnknownRun", unknown.ErrorName);
        Assert.Equal("InvalidConsentSignature", malformed.ErrorName);
        Assert.Equal(new ConsentRecord(0, 0), await coordinator.ConsentOfAsync(runId, hospitals[0].Address));
        Assert.False(coordinator.Consents.Verify(runId, Spec, [1, 2, 3], hospitals[0].Address));
    }
}
