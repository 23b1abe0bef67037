using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Transactions;
using FedChain.Ledger.Bindings.FedChainLedger;
using Nethereum.Contracts;
using Nethereum.Contracts.ContractHandlers;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using TransactionReceipt = FedChain.Ethereum.Transactions.TransactionReceipt;

namespace FedChain.Ledger.Contracts;

/// <summary>
/// FedChainLedger through its typed Nethereum bindings (Bindings/FedChainLedger), in FedChain's types: reads are
/// calls, writes go through the <see cref="TransactionSender"/>, reverts raise <see cref="LedgerRevertException"/>,
/// events are read by block range with eth_getLogs.
/// </summary>
public sealed class FedChainLedgerContract
{
    // Nodes cap the block span of one eth_getLogs; reading in windows keeps every request within common limits.
    private const long LogWindowBlocks = 50_000;

    private readonly ChainConnection _connection;
    private readonly TransactionSender? _sender;
    private readonly ContractHandler _handler;

    /// <summary>Binds the ledger at <paramref name="address"/>; <paramref name="sender"/> is needed only for writes.</summary>
    public FedChainLedgerContract(Address address, ChainConnection connection, TransactionSender? sender = null)
    {
        Address = address;
        _connection = connection;
        _sender = sender;
        _handler = (sender?.Web3 ?? connection.Web3).Eth.GetContractHandler(address.ToLowerString());
    }

    /// <summary>The ledger's address.</summary>
    public Address Address { get; }

    /// <summary>The connection reads go through.</summary>
    public ChainConnection Connection => _connection;

    /// <summary>Deploys a ledger (which deploys its own token) with the given admin and coordinator.</summary>
    public static async Task<FedChainLedgerContract> DeployAsync(TransactionSender sender, Address admin, Address coordinator, CancellationToken ct = default)
    {
        var receipt = await LedgerReverts.GuardAsync("FedChainLedger deployment", () =>
            sender.DeployAsync(new FedChainLedgerDeployment { Admin = admin.ToLowerString(), Coordinator = coordinator.ToLowerString() }, ct)).ConfigureAwait(false);
        return new FedChainLedgerContract(receipt.ContractAddress ?? throw new InvalidOperationException($"deployment {receipt.TransactionHash} has no contract address"), sender.Connection, sender);
    }

    /// <summary>token(): the contribution token this ledger mints.</summary>
    public async Task<Address> TokenAsync(CancellationToken ct = default) => ToAddress(await QueryAsync<TokenFunction, string>(new(), ct).ConfigureAwait(false));

    /// <summary>COORDINATOR_ROLE().</summary>
    public async Task<Bytes32> CoordinatorRoleAsync(CancellationToken ct = default) => Bytes32.FromBytes(await QueryAsync<CoordinatorRoleFunction, byte[]>(new(), ct).ConfigureAwait(false));

    /// <summary>hasRole(role, account).</summary>
    public Task<bool> HasRoleAsync(Bytes32 role, Address account, CancellationToken ct = default) =>
        QueryAsync<HasRoleFunction, bool>(new() { Role = role.ToBytes(), Account = account.ToLowerString() }, ct);

    /// <summary>grantRole(role, account) (admin only).</summary>
    public Task<TransactionReceipt> GrantRoleAsync(Bytes32 role, Address account, CancellationToken ct = default) =>
        SendAsync(new GrantRoleFunction { Role = role.ToBytes(), Account = account.ToLowerString() }, ct);

    /// <summary>registerParticipant(account, metadataHash) (admin only).</summary>
    public Task<TransactionReceipt> RegisterParticipantAsync(Address account, Bytes32 metadataHash, CancellationToken ct = default) =>
        SendAsync(new RegisterParticipantFunction { Account = account.ToLowerString(), MetadataHash = metadataHash.ToBytes() }, ct);

    /// <summary>deactivateParticipant(account) (admin only).</summary>
    public Task<TransactionReceipt> DeactivateParticipantAsync(Address account, CancellationToken ct = default) =>
        SendAsync(new DeactivateParticipantFunction { Account = account.ToLowerString() }, ct);

    /// <summary>isParticipant(account).</summary>
    public Task<bool> IsParticipantAsync(Address account, CancellationToken ct = default) =>
        QueryAsync<IsParticipantFunction, bool>(new() { Account = account.ToLowerString() }, ct);

    /// <summary>participantOf(account).</summary>
    public async Task<ParticipantRecord> ParticipantOfAsync(Address account, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<ParticipantOfFunction, ParticipantOfOutputDTO>(new() { Account = account.ToLowerString() }, ct).ConfigureAwait(false);
        return new ParticipantRecord(r.Active, Bytes32.FromBytes(r.MetadataHash), r.RegisteredAt);
    }

    /// <summary>createRun(runId, specHash, initialModelHash, maxRewardPerRound) (coordinator only).</summary>
    public Task<TransactionReceipt> CreateRunAsync(Bytes32 runId, Bytes32 specHash, Bytes32 initialModelHash, BigInteger maxRewardPerRound, CancellationToken ct = default) =>
        SendAsync(new CreateRunFunction { RunId = runId.ToBytes(), SpecHash = specHash.ToBytes(), InitialModelHash = initialModelHash.ToBytes(), MaxRewardPerRound = maxRewardPerRound }, ct);

    /// <summary>runOf(runId).</summary>
    public async Task<RunRecord> RunOfAsync(Bytes32 runId, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<RunOfFunction, RunOfOutputDTO>(new() { RunId = runId.ToBytes() }, ct).ConfigureAwait(false);
        return new RunRecord(Bytes32.FromBytes(r.SpecHash), Bytes32.FromBytes(r.InitialModelHash), r.MaxRewardPerRound, ToAddress(r.Creator), r.LatestRound, Bytes32.FromBytes(r.LatestModelHash));
    }

    /// <summary>lastRound(runId).</summary>
    public Task<ulong> LastRoundAsync(Bytes32 runId, CancellationToken ct = default) =>
        QueryAsync<LastRoundFunction, ulong>(new() { RunId = runId.ToBytes() }, ct);

    /// <summary>commitRound(...) (coordinator only). A fixed <paramref name="gasLimit"/> skips the estimation pre-check.</summary>
    public Task<TransactionReceipt> CommitRoundAsync(Bytes32 runId, ulong round, Bytes32 baseModelHash, Bytes32 newModelHash, Bytes32 metricsHash, IReadOnlyList<Contribution> contributions, BigInteger? gasLimit = null, CancellationToken ct = default)
    {
        var message = CommitRoundMessage(runId, round, baseModelHash, newModelHash, metricsHash, contributions);
        if (gasLimit is { } gas)
        {
            message.Gas = gas;
        }
        return SendAsync(message, ct);
    }

    /// <summary>The commitRound message exactly as it is sent (its calldata decides the round's intrinsic gas).</summary>
    internal static CommitRoundFunction CommitRoundMessage(Bytes32 runId, ulong round, Bytes32 baseModelHash, Bytes32 newModelHash, Bytes32 metricsHash, IReadOnlyList<Contribution> contributions) => new()
    {
        RunId = runId.ToBytes(),
        Round = round,
        BaseModelHash = baseModelHash.ToBytes(),
        NewModelHash = newModelHash.ToBytes(),
        MetricsHash = metricsHash.ToBytes(),
        Contributions = contributions.Select(c => new ContributionStruct
        {
            Contributor = c.Contributor.ToLowerString(),
            UpdateHash = c.UpdateHash.ToBytes(),
            NumSamples = c.NumSamples,
            ScorePpm = c.ScorePpm,
            Reward = c.Reward,
            EpsilonMicros = c.EpsilonMicros,
            Signature = c.Signature,
        }).ToList(),
    };

    /// <summary>giveConsent(runId): the sender (an active participant) consents to the run.</summary>
    public Task<TransactionReceipt> GiveConsentAsync(Bytes32 runId, CancellationToken ct = default) =>
        SendAsync(new GiveConsentFunction { RunId = runId.ToBytes() }, ct);

    /// <summary>giveConsentBySig(runId, participant, signature): relays a participant's signed RunConsent.</summary>
    public Task<TransactionReceipt> GiveConsentBySigAsync(Bytes32 runId, Address participant, byte[] signature, CancellationToken ct = default) =>
        SendAsync(new GiveConsentBySigFunction { RunId = runId.ToBytes(), Participant = participant.ToLowerString(), Signature = signature }, ct);

    /// <summary>withdrawConsent(runId): the sender's contributions are refused from the next round to be committed on.</summary>
    public Task<TransactionReceipt> WithdrawConsentAsync(Bytes32 runId, CancellationToken ct = default) =>
        SendAsync(new WithdrawConsentFunction { RunId = runId.ToBytes() }, ct);

    /// <summary>consentOf(runId, participant).</summary>
    public async Task<ConsentRecord> ConsentOfAsync(Bytes32 runId, Address participant, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<ConsentOfFunction, ConsentOfOutputDTO>(new() { RunId = runId.ToBytes(), Participant = participant.ToLowerString() }, ct).ConfigureAwait(false);
        return new ConsentRecord(r.FromRound, r.UntilRound);
    }

    /// <summary>hasConsent(runId, participant, round).</summary>
    public Task<bool> HasConsentAsync(Bytes32 runId, Address participant, ulong round, CancellationToken ct = default) =>
        QueryAsync<HasConsentFunction, bool>(new() { RunId = runId.ToBytes(), Participant = participant.ToLowerString(), Round = round }, ct);

    /// <summary>hashRunConsent(runId, specHash): the contract's own EIP-712 digest of a consent.</summary>
    public async Task<Bytes32> HashRunConsentAsync(Bytes32 runId, Bytes32 specHash, CancellationToken ct = default) =>
        Bytes32.FromBytes(await QueryAsync<HashRunConsentFunction, byte[]>(new() { RunId = runId.ToBytes(), SpecHash = specHash.ToBytes() }, ct).ConfigureAwait(false));

    /// <summary>roundOf(runId, round).</summary>
    public async Task<RoundRecord> RoundOfAsync(Bytes32 runId, ulong round, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<RoundOfFunction, RoundOfOutputDTO>(new() { RunId = runId.ToBytes(), Round = round }, ct).ConfigureAwait(false);
        return new RoundRecord(Bytes32.FromBytes(r.BaseModelHash), Bytes32.FromBytes(r.NewModelHash), Bytes32.FromBytes(r.MetricsHash), r.ContributorCount, r.TotalReward, r.Timestamp);
    }

    /// <summary>contributorsOf(runId, round), in submission order.</summary>
    public async Task<IReadOnlyList<Address>> ContributorsOfAsync(Bytes32 runId, ulong round, CancellationToken ct = default) =>
        (await QueryAsync<ContributorsOfFunction, List<string>>(new() { RunId = runId.ToBytes(), Round = round }, ct).ConfigureAwait(false)).Select(ToAddress).ToArray();

    /// <summary>contributionOf(runId, round, contributor).</summary>
    public async Task<ContributionRecord> ContributionOfAsync(Bytes32 runId, ulong round, Address contributor, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<ContributionOfFunction, ContributionOfOutputDTO>(new() { RunId = runId.ToBytes(), Round = round, Contributor = contributor.ToLowerString() }, ct).ConfigureAwait(false);
        return new ContributionRecord(Bytes32.FromBytes(r.UpdateHash), r.NumSamples, r.ScorePpm, r.Reward, r.EpsilonMicros);
    }

    /// <summary>modelOrigin(modelHash).</summary>
    public async Task<ModelOrigin> ModelOriginAsync(Bytes32 modelHash, CancellationToken ct = default)
    {
        var r = await QueryOutputAsync<ModelOriginFunction, ModelOriginOutputDTO>(new() { ModelHash = modelHash.ToBytes() }, ct).ConfigureAwait(false);
        return new ModelOrigin(Bytes32.FromBytes(r.RunId), r.Round);
    }

    /// <summary>hashUpdateCommitment(...): the contract's own EIP-712 digest, to cross-check client hashing.</summary>
    public async Task<Bytes32> HashUpdateCommitmentAsync(UpdateCommitment c, CancellationToken ct = default) =>
        Bytes32.FromBytes(await QueryAsync<HashUpdateCommitmentFunction, byte[]>(new()
        {
            RunId = c.RunId.ToBytes(),
            Round = c.Round,
            BaseModelHash = c.BaseModelHash.ToBytes(),
            UpdateHash = c.UpdateHash.ToBytes(),
            NumSamples = c.NumSamples,
            EpsilonMicros = c.EpsilonMicros,
        }, ct).ConfigureAwait(false));

    /// <summary>DOMAIN_SEPARATOR().</summary>
    public async Task<Bytes32> DomainSeparatorAsync(CancellationToken ct = default) =>
        Bytes32.FromBytes(await QueryAsync<DomainSeparatorFunction, byte[]>(new(), ct).ConfigureAwait(false));

    /// <summary>RoundCommitted events (optionally of one run) from <paramref name="fromBlock"/> (default 0) to the latest block.</summary>
    public async Task<IReadOnlyList<RoundCommittedEvent>> GetRoundCommittedEventsAsync(Bytes32? runId = null, long fromBlock = 0, CancellationToken ct = default) =>
        (await GetLogsAsync<RoundCommittedEventDTO>(runId, fromBlock, ct).ConfigureAwait(false)).Select(e => new RoundCommittedEvent(
            Bytes32.FromBytes(e.Event.RunId), e.Event.Round, Bytes32.FromBytes(e.Event.NewModelHash), Bytes32.FromBytes(e.Event.BaseModelHash),
            Bytes32.FromBytes(e.Event.MetricsHash), e.Event.ContributorCount, e.Event.TotalReward, e.Log.BlockNumber.Value, e.Log.TransactionHash)).ToArray();

    /// <summary>ContributionRecorded events (optionally of one run) from <paramref name="fromBlock"/> (default 0) to the latest block.</summary>
    public async Task<IReadOnlyList<ContributionRecordedEvent>> GetContributionRecordedEventsAsync(Bytes32? runId = null, long fromBlock = 0, CancellationToken ct = default) =>
        (await GetLogsAsync<ContributionRecordedEventDTO>(runId, fromBlock, ct).ConfigureAwait(false)).Select(e => new ContributionRecordedEvent(
            Bytes32.FromBytes(e.Event.RunId), e.Event.Round, ToAddress(e.Event.Contributor), Bytes32.FromBytes(e.Event.UpdateHash),
            e.Event.NumSamples, e.Event.ScorePpm, e.Event.Reward, e.Log.BlockNumber.Value, e.Log.TransactionHash, e.Event.EpsilonMicros)).ToArray();

    /// <summary>ParticipantRegistered events from <paramref name="fromBlock"/> (default 0): (account, metadata hash, block).</summary>
    public async Task<IReadOnlyList<(Address Account, Bytes32 MetadataHash, BigInteger BlockNumber)>> GetParticipantRegisteredEventsAsync(long fromBlock = 0, CancellationToken ct = default) =>
        (await GetLogsAsync<ParticipantRegisteredEventDTO>(null, fromBlock, ct).ConfigureAwait(false))
            .Select(e => (ToAddress(e.Event.Account), Bytes32.FromBytes(e.Event.MetadataHash), e.Log.BlockNumber.Value)).ToArray();

    private async Task<List<EventLog<TEvent>>> GetLogsAsync<TEvent>(Bytes32? firstTopic, long fromBlock, CancellationToken ct)
        where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
    {
        var events = _connection.Web3.Eth.GetEvent<TEvent>(Address.ToLowerString());
        var latest = await _connection.BlockNumberAsync(ct).ConfigureAwait(false);
        var logs = new List<EventLog<TEvent>>();
        for (var start = fromBlock; start <= latest; start += LogWindowBlocks)
        {
            var end = Math.Min(latest, start + LogWindowBlocks - 1);
            var from = new BlockParameter(new HexBigInteger(start));
            var to = new BlockParameter(new HexBigInteger(end));
            var filter = firstTopic is { } topic
                ? events.CreateFilterInput(new object[] { topic.ToBytes() }, from, to)
                : events.CreateFilterInput(from, to);
            // eth_getLogs over an explicit range: nothing is installed on the node, so nothing can expire.
            var found = await _connection.CallAsync("eth_getLogs", () => _connection.Web3.Eth.Filters.GetLogs.SendRequestAsync(filter), ct).ConfigureAwait(false);
            logs.AddRange(Event<TEvent>.DecodeAllEvents(found));
        }
        return logs;
    }

    private Task<TReturn> QueryAsync<TFunction, TReturn>(TFunction message, CancellationToken ct)
        where TFunction : FunctionMessage, new() =>
        LedgerReverts.GuardAsync(typeof(TFunction).Name, () => _connection.CallAsync("eth_call", () => _handler.QueryAsync<TFunction, TReturn>(message), ct));

    private Task<TOutput> QueryOutputAsync<TFunction, TOutput>(TFunction message, CancellationToken ct)
        where TFunction : FunctionMessage, new()
        where TOutput : Nethereum.ABI.FunctionEncoding.Attributes.IFunctionOutputDTO, new() =>
        LedgerReverts.GuardAsync(typeof(TFunction).Name, () => _connection.CallAsync("eth_call", () => _handler.QueryDeserializingToObjectAsync<TFunction, TOutput>(message), ct));

    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, CancellationToken ct)
        where TFunction : FunctionMessage, new()
    {
        var sender = _sender ?? throw new InvalidOperationException($"{typeof(TFunction).Name[..^"Function".Length]} sends a transaction, but this ledger binding is read-only (no key).");
        return LedgerReverts.GuardAsync(ContextOf<TFunction>(), () => sender.SendAsync(Address, message, ct));
    }

    private static string ContextOf<TFunction>()
    {
        var name = typeof(TFunction).Name[..^"Function".Length];
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static Address ToAddress(string text) => Address.Parse(text.ToLowerInvariant());
}
