using FedChain.Testing;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ledger.Tests;

[Trait("Category", "Integration")]
public sealed class LedgerServiceIntegrationTests : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly BigInteger Token = BigInteger.Pow(10, 18);
    private readonly AnvilFixture _anvil;
    private readonly List<IDisposable> _disposables = [];

    public LedgerServiceIntegrationTests(AnvilFixture anvil) => _anvil = anvil;

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

    private TransactionSender Sender(EthereumKey key)
    {
        var connection = new ChainConnection(_anvil.Node.RpcUrl, TestChain.RpcTimeout);
        return new TransactionSender(connection, key, new TransactionSenderOptions { ChainId = _anvil.Node.ChainId, ReceiptTimeout = TestChain.ReceiptTimeout, PollInterval = TimeSpan.FromMilliseconds(50) });
    }

    private sealed record Setup(LedgerService Service, EthereumKey[] Participants, Bytes32 RunId, Bytes32 InitialModel);

    /// <summary>Deploys a fresh ledger (admin + coordinator = a per-test dev account), registers 3 participants, creates a run.</summary>
    private async Task<Setup> DeployWithRunAsync(int adminIndex)
    {
        var admin = Key(adminIndex);
        var service = await LedgerService.DeployAsync(Sender(admin));
        var participants = new[] { Key(7), Key(8), Key(9) };
        for (var i = 0; i < participants.Length; i++)
        {
            await service.RegisterParticipantAsync(participants[i].Address, Bytes32.Keccak($"hospital-{i}"));
        }
        var runId = Bytes32.Keccak($"run-{adminIndex}");
        var initial = Bytes32.Keccak("initial-model");
        await service.CreateRunAsync(runId, Bytes32.Keccak("model-card"), initial, 10 * Token);
        foreach (var participant in participants)
        {
            // Relayed by the admin: the participants' own signatures, as a hospital's operator hands them over.
            await service.GiveConsentBySigAsync(runId, participant.Address, service.Consents.Sign(runId, Bytes32.Keccak("model-card"), participant));
        }
        return new Setup(service, participants, runId, initial);
    }

    private static Bytes32 UpdateHash(ulong round, int participant) => Bytes32.Keccak($"update-{round}-{participant}");

    private static Bytes32 ModelHash(ulong round) => Bytes32.Keccak($"model-{round}");

    private static Contribution Contribute(LedgerService service, EthereumKey signer, Address contributor, Bytes32 runId, ulong signedRound, Bytes32 baseModel, Bytes32 updateHash, ulong samples, BigInteger reward)
    {
        var commitment = new UpdateCommitment(runId, signedRound, baseModel, updateHash, samples, 0);
        return new Contribution(contributor, updateHash, samples, 250_000, reward, service.Commitments.Sign(commitment, signer));
    }

    private static IReadOnlyList<Contribution> RoundContributions(Setup s, ulong round, Bytes32 baseModel) =>
        s.Participants.Select((p, i) => Contribute(s.Service, p, p.Address, s.RunId, round, baseModel, UpdateHash(round, i), 100UL * (ulong)(i + 1), (i + 1) * Token)).ToArray();

    private static async Task CommitRoundsAsync(Setup s, int rounds)
    {
        var baseModel = s.InitialModel;
        for (ulong round = 1; round <= (ulong)rounds; round++)
        {
            await s.Service.CommitRoundAsync(s.RunId, round, baseModel, ModelHash(round), Bytes32.Keccak($"metrics-{round}"), RoundContributions(s, round, baseModel));
            baseModel = ModelHash(round);
        }
    }

    [Fact]
    public async Task CommitRound_ThreeRoundsThreeSigners_EveryRecordReadsBack()
    {
        var s = await DeployWithRunAsync(1);
        var service = s.Service;
        var commitment = new UpdateCommitment(s.RunId, 1, s.InitialModel, UpdateHash(1, 0), 100, 2_345_678);
        Assert.Equal(await service.Ledger.DomainSeparatorAsync(), service.Commitments.DomainSeparator);
        Assert.Equal(await service.Ledger.HashUpdateCommitmentAsync(commitment), service.Commitments.Digest(commitment));

        await CommitRoundsAsync(s, 3);

        Assert.Equal(3UL, await service.LastRoundAsync(s.RunId));
        var run = await service.RunOfAsync(s.RunId);
        Assert.Equal(new RunRecord(Bytes32.Keccak("model-card"), s.InitialModel, 10 * Token, Key(1).Address, 3, ModelHash(3)), run);
        for (ulong round = 1; round <= 3; round++)
        {
            var record = await service.RoundOfAsync(s.RunId, round);
            Assert.Equal(round == 1 ? s.InitialModel : ModelHash(round - 1), record.BaseModelHash);
            Assert.Equal(ModelHash(round), record.NewModelHash);
            Assert.Equal(Bytes32.Keccak($"metrics-{round}"), record.MetricsHash);
            Assert.Equal(3u, record.ContributorCount);
            Assert.Equal(6 * Token, record.TotalReward);
            Assert.True(record.Timestamp > 0);
            Assert.Equal(s.Participants.Select(p => p.Address), await service.Ledger.ContributorsOfAsync(s.RunId, round));
            for (var i = 0; i < 3; i++)
            {
                var c = await service.ContributionOfAsync(s.RunId, round, s.Participants[i].Address);
                Assert.Equal(new ContributionRecord(UpdateHash(round, i), 100UL * (ulong)(i + 1), 250_000, (i + 1) * Token), c);
            }
            Assert.Equal(new ModelOrigin(s.RunId, round), await service.ModelOriginAsync(ModelHash(round)));
        }
        Assert.Equal(new ModelOrigin(s.RunId, 0), await service.ModelOriginAsync(s.InitialModel));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(3 * (i + 1) * Token, await service.TokenBalanceAsync(s.Participants[i].Address));
        }

        var rounds = await service.GetRoundCommittedEventsAsync(s.RunId);
        Assert.Equal([1UL, 2UL, 3UL], rounds.Select(r => r.Round));
        Assert.All(rounds, r => Assert.Equal(6 * Token, r.TotalReward));
        var contributions = await service.GetContributionRecordedEventsAsync(s.RunId);
        Assert.Equal(9, contributions.Count);
        Assert.Equal(UpdateHash(2, 1), contributions.Single(c => c.Round == 2 && c.Contributor == s.Participants[1].Address).UpdateHash);
    }

    [Fact]
    public async Task CommitRound_Round2SignatureReplayedIntoRound3_RevertsInvalidSignature()
    {
        var s = await DeployWithRunAsync(2);
        await CommitRoundsAsync(s, 2);
        var p = s.Participants[0];
        // Same update hash, signed for round 2 (with round 2's base), submitted in round 3.
        var replayed = Contribute(s.Service, p, p.Address, s.RunId, 2, ModelHash(2), UpdateHash(2, 0), 100, Token);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.CommitRoundAsync(s.RunId, 3, ModelHash(2), ModelHash(3), Bytes32.Zero, [replayed]));

        Assert.Equal("InvalidSignature", ex.ErrorName);
        Assert.Equal(p.Address, ex.Argument("contributor"));
        Assert.Equal(2UL, await s.Service.LastRoundAsync(s.RunId));
    }

    [Fact]
    public async Task CommitRound_SignedByUnregisteredKey_RevertsInvalidSignature()
    {
        var s = await DeployWithRunAsync(3);
        var stranger = EthereumKey.Generate();
        _disposables.Add(stranger);
        var victim = s.Participants[1].Address;
        var forged = Contribute(s.Service, stranger, victim, s.RunId, 1, s.InitialModel, UpdateHash(1, 1), 50, Token);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.CommitRoundAsync(s.RunId, 1, s.InitialModel, ModelHash(1), Bytes32.Zero, [forged]));

        Assert.Equal("InvalidSignature", ex.ErrorName);
        Assert.Equal(victim, ex.Argument("contributor"));
    }

    [Fact]
    public async Task CommitRound_UnregisteredContributor_RevertsNotAParticipant()
    {
        var s = await DeployWithRunAsync(4);
        var stranger = EthereumKey.Generate();
        _disposables.Add(stranger);
        var own = Contribute(s.Service, stranger, stranger.Address, s.RunId, 1, s.InitialModel, UpdateHash(1, 9), 50, Token);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.CommitRoundAsync(s.RunId, 1, s.InitialModel, ModelHash(1), Bytes32.Zero, [own]));

        Assert.Equal("NotAParticipant", ex.ErrorName);
        Assert.Equal(stranger.Address, ex.Argument("account"));
    }

    [Fact]
    public async Task CommitRound_WrongBaseModelHash_RevertsBaseModelMismatch()
    {
        var s = await DeployWithRunAsync(5);
        await CommitRoundsAsync(s, 1);
        var wrongBase = Bytes32.Keccak("some other model");

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.CommitRoundAsync(s.RunId, 2, wrongBase, ModelHash(2), Bytes32.Zero, RoundContributions(s, 2, wrongBase)));

        Assert.Equal("BaseModelMismatch", ex.ErrorName);
        Assert.Equal(ModelHash(1).ToBytes(), ex.Argument("expected"));
        Assert.Equal(wrongBase.ToBytes(), ex.Argument("got"));
        Assert.Contains("BaseModelMismatch(expected=" + ModelHash(1), ex.Message);
    }

    [Fact]
    public async Task CommitRound_SameRoundTwice_RevertsRoundOutOfOrder()
    {
        var s = await DeployWithRunAsync(6);
        await CommitRoundsAsync(s, 1);

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.CommitRoundAsync(s.RunId, 1, s.InitialModel, ModelHash(1), Bytes32.Zero, RoundContributions(s, 1, s.InitialModel)));

        Assert.Equal("RoundOutOfOrder", ex.ErrorName);
        Assert.Equal(new BigInteger(2), ex.Argument("expected"));
        Assert.Equal(BigInteger.One, ex.Argument("got"));
        Assert.Null(ex.TransactionHash);
    }

    [Fact]
    public async Task CommitRound_MinedRevertWithFixedGas_DecodesErrorFromReceipt()
    {
        var s = await DeployWithRunAsync(0);
        await CommitRoundsAsync(s, 1);

        // A fixed gas limit skips estimation, so the transaction is mined and reverts on chain.
        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() =>
            s.Service.Ledger.CommitRoundAsync(s.RunId, 1, s.InitialModel, ModelHash(1), Bytes32.Zero, RoundContributions(s, 1, s.InitialModel), gasLimit: 1_000_000));

        Assert.Equal("RoundOutOfOrder", ex.ErrorName);
        Assert.NotNull(ex.TransactionHash);
        var receipt = await s.Service.Ledger.Connection.GetReceiptAsync(ex.TransactionHash!);
        Assert.False(receipt!.Succeeded);
    }

    [Fact]
    public async Task CommitRound_DeactivatedParticipant_RevertsNotAParticipant()
    {
        var s = await DeployWithRunAsync(1);
        var runId = Bytes32.Keccak("second-run");
        await s.Service.CreateRunAsync(runId, Bytes32.Keccak("spec-2"), Bytes32.Keccak("initial-2"), 10 * Token);
        var p = s.Participants[2];
        await s.Service.GiveConsentBySigAsync(runId, p.Address, s.Service.Consents.Sign(runId, Bytes32.Keccak("spec-2"), p));
        await s.Service.DeactivateParticipantAsync(p.Address);
        Assert.False(await s.Service.Ledger.IsParticipantAsync(p.Address));

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => s.Service.CommitRoundAsync(runId, 1, Bytes32.Keccak("initial-2"), ModelHash(1), Bytes32.Zero,
            [Contribute(s.Service, p, p.Address, runId, 1, Bytes32.Keccak("initial-2"), UpdateHash(1, 2), 10, Token)]));

        Assert.Equal("NotAParticipant", ex.ErrorName);
    }

    [Fact]
    public async Task CommitRound_RewardsAboveCap_RevertsRewardCapExceeded()
    {
        var s = await DeployWithRunAsync(2);
        var greedy = s.Participants.Select((p, i) => Contribute(s.Service, p, p.Address, s.RunId, 1, s.InitialModel, UpdateHash(1, i), 10, 4 * Token)).ToArray();

        var ex = await Assert.ThrowsAsync<LedgerRevertException>(() => s.Service.CommitRoundAsync(s.RunId, 1, s.InitialModel, ModelHash(1), Bytes32.Zero, greedy));

        Assert.Equal("RewardCapExceeded", ex.ErrorName);
        Assert.Equal(10 * Token, ex.Argument("cap"));
        Assert.Equal(12 * Token, ex.Argument("total"));
    }
}
