using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Contracts;
using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Transactions;
using static FedChain.Ledger.Contracts.Decoded;

namespace FedChain.Ledger.Contracts;

/// <summary>Typed binding of FedChainLedger over the ABI-driven <see cref="Contract"/>.</summary>
public sealed class FedChainLedgerContract
{
    /// <summary>Binds the ledger at <paramref name="address"/>; <paramref name="sender"/> is needed only for writes.</summary>
    public FedChainLedgerContract(Address address, EthRpcClient rpc, TransactionSender? sender = null) =>
        Contract = new Contract(ContractArtifact.FedChainLedger.Abi, address, rpc, sender);

    private FedChainLedgerContract(Contract contract) => Contract = contract;

    /// <summary>The untyped contract (ABI, address, raw calls, event decoding).</summary>
    public Contract Contract { get; }

    /// <summary>The ledger's address.</summary>
    public Address Address => Contract.Address;

    /// <summary>Deploys a ledger (which deploys its own token) with the given admin and coordinator.</summary>
    public static async Task<FedChainLedgerContract> DeployAsync(TransactionSender sender, Address admin, Address coordinator, CancellationToken ct = default)
    {
        var artifact = ContractArtifact.FedChainLedger;
        var contract = await Contract.DeployAsync(artifact.Abi, artifact.Bytecode, sender, [admin, coordinator], artifact.Name, ct).ConfigureAwait(false);
        return new FedChainLedgerContract(contract);
    }

    /// <summary>token(): the contribution token this ledger mints.</summary>
    public async Task<Address> TokenAsync(CancellationToken ct = default) => Addr((await Contract.CallAsync("token", [], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>COORDINATOR_ROLE().</summary>
    public async Task<Bytes32> CoordinatorRoleAsync(CancellationToken ct = default) => B32((await Contract.CallAsync("COORDINATOR_ROLE", [], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>hasRole(role, account).</summary>
    public async Task<bool> HasRoleAsync(Bytes32 role, Address account, CancellationToken ct = default) => (bool)(await Contract.CallAsync("hasRole", [role, account], ct: ct).ConfigureAwait(false))[0]!;

    /// <summary>grantRole(role, account) (admin only).</summary>
    public Task<TransactionReceipt> GrantRoleAsync(Bytes32 role, Address account, CancellationToken ct = default) => Contract.SendAsync("grantRole", [role, account], ct: ct);

    /// <summary>registerParticipant(account, metadataHash) (admin only).</summary>
    public Task<TransactionReceipt> RegisterParticipantAsync(Address account, Bytes32 metadataHash, CancellationToken ct = default) =>
        Contract.SendAsync("registerParticipant", [account, metadataHash], ct: ct);

    /// <summary>deactivateParticipant(account) (admin only).</summary>
    public Task<TransactionReceipt> DeactivateParticipantAsync(Address account, CancellationToken ct = default) =>
        Contract.SendAsync("deactivateParticipant", [account], ct: ct);

    /// <summary>isParticipant(account).</summary>
    public async Task<bool> IsParticipantAsync(Address account, CancellationToken ct = default) =>
        (bool)(await Contract.CallAsync("isParticipant", [account], ct: ct).ConfigureAwait(false))[0]!;

    /// <summary>participantOf(account).</summary>
    public async Task<ParticipantRecord> ParticipantOfAsync(Address account, CancellationToken ct = default)
    {
        var r = await Contract.CallAsync("participantOf", [account], ct: ct).ConfigureAwait(false);
        return new ParticipantRecord((bool)r[0]!, B32(r[1]), U64(r[2]));
    }

    /// <summary>createRun(runId, specHash, initialModelHash, maxRewardPerRound) (coordinator only).</summary>
    public Task<TransactionReceipt> CreateRunAsync(Bytes32 runId, Bytes32 specHash, Bytes32 initialModelHash, BigInteger maxRewardPerRound, CancellationToken ct = default) =>
        Contract.SendAsync("createRun", [runId, specHash, initialModelHash, maxRewardPerRound], ct: ct);

    /// <summary>runOf(runId).</summary>
    public async Task<RunRecord> RunOfAsync(Bytes32 runId, CancellationToken ct = default)
    {
        var r = await Contract.CallAsync("runOf", [runId], ct: ct).ConfigureAwait(false);
        return new RunRecord(B32(r[0]), B32(r[1]), Big(r[2]), Addr(r[3]), U64(r[4]), B32(r[5]));
    }

    /// <summary>lastRound(runId).</summary>
    public async Task<ulong> LastRoundAsync(Bytes32 runId, CancellationToken ct = default) =>
        U64((await Contract.CallAsync("lastRound", [runId], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>commitRound(...) (coordinator only). A fixed <paramref name="gasLimit"/> skips the estimation pre-check.</summary>
    public Task<TransactionReceipt> CommitRoundAsync(Bytes32 runId, ulong round, Bytes32 baseModelHash, Bytes32 newModelHash, Bytes32 metricsHash, IReadOnlyList<Contribution> contributions, BigInteger? gasLimit = null, CancellationToken ct = default) =>
        Contract.SendAsync("commitRound", [runId, round, baseModelHash, newModelHash, metricsHash, contributions.Select(c => c.ToAbi()).ToArray()], gasLimit, ct);

    /// <summary>roundOf(runId, round).</summary>
    public async Task<RoundRecord> RoundOfAsync(Bytes32 runId, ulong round, CancellationToken ct = default)
    {
        var r = await Contract.CallAsync("roundOf", [runId, round], ct: ct).ConfigureAwait(false);
        return new RoundRecord(B32(r[0]), B32(r[1]), B32(r[2]), U32(r[3]), Big(r[4]), U64(r[5]));
    }

    /// <summary>contributorsOf(runId, round), in submission order.</summary>
    public async Task<IReadOnlyList<Address>> ContributorsOfAsync(Bytes32 runId, ulong round, CancellationToken ct = default) =>
        ((object?[])(await Contract.CallAsync("contributorsOf", [runId, round], ct: ct).ConfigureAwait(false))[0]!).Select(Addr).ToArray();

    /// <summary>contributionOf(runId, round, contributor).</summary>
    public async Task<ContributionRecord> ContributionOfAsync(Bytes32 runId, ulong round, Address contributor, CancellationToken ct = default)
    {
        var r = await Contract.CallAsync("contributionOf", [runId, round, contributor], ct: ct).ConfigureAwait(false);
        return new ContributionRecord(B32(r[0]), U64(r[1]), U32(r[2]), Big(r[3]));
    }

    /// <summary>modelOrigin(modelHash).</summary>
    public async Task<ModelOrigin> ModelOriginAsync(Bytes32 modelHash, CancellationToken ct = default)
    {
        var r = await Contract.CallAsync("modelOrigin", [modelHash], ct: ct).ConfigureAwait(false);
        return new ModelOrigin(B32(r[0]), U64(r[1]));
    }

    /// <summary>hashUpdateCommitment(...): the contract's own EIP-712 digest, to cross-check client hashing.</summary>
    public async Task<Bytes32> HashUpdateCommitmentAsync(UpdateCommitment c, CancellationToken ct = default) =>
        B32((await Contract.CallAsync("hashUpdateCommitment", [c.RunId, c.Round, c.BaseModelHash, c.UpdateHash, c.NumSamples], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>DOMAIN_SEPARATOR().</summary>
    public async Task<Bytes32> DomainSeparatorAsync(CancellationToken ct = default) =>
        B32((await Contract.CallAsync("DOMAIN_SEPARATOR", [], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>RoundCommitted events, optionally for one run.</summary>
    public async Task<IReadOnlyList<RoundCommittedEvent>> GetRoundCommittedEventsAsync(Bytes32? runId = null, BlockParameter? fromBlock = null, CancellationToken ct = default)
    {
        var events = await Contract.GetEventsAsync("RoundCommitted", runId is { } id ? [id.ToBytes()] : null, fromBlock, ct: ct).ConfigureAwait(false);
        return events.Select(e => new RoundCommittedEvent(
            B32(e.Event["runId"]), U64(e.Event["round"]), B32(e.Event["newModelHash"]), B32(e.Event["baseModelHash"]),
            B32(e.Event["metricsHash"]), U32(e.Event["contributorCount"]), Big(e.Event["totalReward"]), e.Log.BlockNumber, e.Log.TransactionHash)).ToArray();
    }

    /// <summary>ContributionRecorded events, optionally for one run.</summary>
    public async Task<IReadOnlyList<ContributionRecordedEvent>> GetContributionRecordedEventsAsync(Bytes32? runId = null, BlockParameter? fromBlock = null, CancellationToken ct = default)
    {
        var events = await Contract.GetEventsAsync("ContributionRecorded", runId is { } id ? [id.ToBytes()] : null, fromBlock, ct: ct).ConfigureAwait(false);
        return events.Select(e => new ContributionRecordedEvent(
            B32(e.Event["runId"]), U64(e.Event["round"]), Addr(e.Event["contributor"]), B32(e.Event["updateHash"]),
            U64(e.Event["numSamples"]), U32(e.Event["scorePpm"]), Big(e.Event["reward"]), e.Log.BlockNumber, e.Log.TransactionHash)).ToArray();
    }
}
