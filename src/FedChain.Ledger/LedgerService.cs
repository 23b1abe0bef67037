using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;
using FedChain.Ledger.Contracts;

namespace FedChain.Ledger;

/// <summary>
/// The ledger as the aggregator and the console use it: deploy, participants, runs, round commits, reads,
/// rewards, events, and the EIP-712 commitment signer bound to this ledger and chain. Its API speaks FedChain's
/// types (<see cref="Address"/>, <see cref="Bytes32"/>, records, <see cref="LedgerRevertException"/>); Nethereum stays inside.
/// </summary>
public sealed class LedgerService
{
    private LedgerService(FedChainLedgerContract ledger, FedChainTokenContract token, UpdateCommitmentSigner signer, TransactionSender? sender)
    {
        Ledger = ledger;
        Token = token;
        Commitments = signer;
        Consents = new RunConsentSigner(signer.ChainId, signer.Ledger);
        Sender = sender;
    }

    /// <summary>Signs and verifies RunConsents under this ledger's domain.</summary>
    public RunConsentSigner Consents { get; }

    /// <summary>The ledger binding (every contract function).</summary>
    public FedChainLedgerContract Ledger { get; }

    /// <summary>The token binding.</summary>
    public FedChainTokenContract Token { get; }

    /// <summary>Signs and verifies UpdateCommitments under this ledger's domain.</summary>
    public UpdateCommitmentSigner Commitments { get; }

    /// <summary>The sender writes go through (null when read-only).</summary>
    public TransactionSender? Sender { get; }

    /// <summary>The ledger's address.</summary>
    public Address LedgerAddress => Ledger.Address;

    /// <summary>Builds the connection and sender described by <paramref name="options"/> for <paramref name="key"/>.</summary>
    public static TransactionSender CreateSender(LedgerOptions options, EthereumKey key) =>
        new(CreateConnection(options), key, new TransactionSenderOptions
        {
            ChainId = options.ChainId,
            Confirmations = options.Confirmations,
            ReceiptTimeout = TimeSpan.FromSeconds(options.ReceiptTimeoutSeconds),
        });

    /// <summary>A read-only connection to the node named by <paramref name="options"/>.</summary>
    public static ChainConnection CreateConnection(LedgerOptions options) =>
        new(new Uri(options.RpcUrl), TimeSpan.FromSeconds(options.RpcTimeoutSeconds));

    /// <summary>
    /// Deploys a ledger (and, inside its constructor, its token) with <paramref name="sender"/>'s account as admin and
    /// <paramref name="coordinator"/> (default: the same account) holding COORDINATOR_ROLE.
    /// </summary>
    public static async Task<LedgerService> DeployAsync(TransactionSender sender, Address? coordinator = null, CancellationToken ct = default)
    {
        var ledger = await FedChainLedgerContract.DeployAsync(sender, sender.Account, coordinator ?? sender.Account, ct).ConfigureAwait(false);
        return await ConnectAsync(ledger.Address, sender.Connection, sender, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects to a deployed ledger: checks the chain id (with a sender), that there is code at the address,
    /// and binds the token it reports. Without a sender the service is read-only.
    /// </summary>
    public static async Task<LedgerService> ConnectAsync(Address ledgerAddress, ChainConnection connection, TransactionSender? sender = null, CancellationToken ct = default)
    {
        if (sender is not null)
        {
            await sender.EnsureChainAsync(ct).ConfigureAwait(false);
        }
        var chainId = await connection.ChainIdAsync(ct).ConfigureAwait(false);
        var code = await connection.GetCodeAsync(ledgerAddress, ct).ConfigureAwait(false);
        if (code.Length == 0)
        {
            throw new InvalidOperationException($"No contract code at ledger address {ledgerAddress} on {connection.EndpointDisplay}; is Ledger:LedgerAddress right and the ledger deployed on this chain?");
        }
        var ledger = new FedChainLedgerContract(ledgerAddress, connection, sender);
        var token = new FedChainTokenContract(await ledger.TokenAsync(ct).ConfigureAwait(false), connection);
        return new LedgerService(ledger, token, new UpdateCommitmentSigner(chainId, ledgerAddress), sender);
    }

    /// <summary>
    /// Connects using configuration: validates <paramref name="options"/> (errors name the keys), checks the node's chain id
    /// against Ledger:ChainId, then binds the ledger with a sender for <paramref name="key"/> (read-only when null).
    /// </summary>
    public static async Task<LedgerService> ConnectAsync(LedgerOptions options, EthereumKey? key = null, CancellationToken ct = default)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
        var address = Address.Parse(options.LedgerAddress);
        if (key is null)
        {
            var connection = CreateConnection(options);
            var actual = await connection.ChainIdAsync(ct).ConfigureAwait(false);
            if (actual != options.ChainId)
            {
                throw new ChainIdMismatchException(connection.EndpointDisplay, options.ChainId, actual);
            }
            return await ConnectAsync(address, connection, null, ct).ConfigureAwait(false);
        }
        var sender = CreateSender(options, key);
        return await ConnectAsync(address, sender.Connection, sender, ct).ConfigureAwait(false);
    }

    /// <summary>Registers (or re-activates) a participant; admin only.</summary>
    public Task<TransactionReceipt> RegisterParticipantAsync(Address account, Bytes32 metadataHash, CancellationToken ct = default) =>
        Ledger.RegisterParticipantAsync(account, metadataHash, ct);

    /// <summary>Deactivates a participant; admin only.</summary>
    public Task<TransactionReceipt> DeactivateParticipantAsync(Address account, CancellationToken ct = default) =>
        Ledger.DeactivateParticipantAsync(account, ct);

    /// <summary>Creates a run; coordinator only.</summary>
    public Task<TransactionReceipt> CreateRunAsync(Bytes32 runId, Bytes32 specHash, Bytes32 initialModelHash, BigInteger maxRewardPerRound, CancellationToken ct = default) =>
        Ledger.CreateRunAsync(runId, specHash, initialModelHash, maxRewardPerRound, ct);

    /// <summary>Commits a round with its signed contributions; coordinator only. Reverts throw <see cref="LedgerRevertException"/> naming the error.</summary>
    public Task<TransactionReceipt> CommitRoundAsync(Bytes32 runId, ulong round, Bytes32 baseModelHash, Bytes32 newModelHash, Bytes32 metricsHash, IReadOnlyList<Contribution> contributions, CancellationToken ct = default) =>
        Ledger.CommitRoundAsync(runId, round, baseModelHash, newModelHash, metricsHash, contributions, ct: ct);

    /// <summary>The sender (an active participant) consents to a run.</summary>
    public Task<TransactionReceipt> GiveConsentAsync(Bytes32 runId, CancellationToken ct = default) => Ledger.GiveConsentAsync(runId, ct);

    /// <summary>Relays a participant's signed RunConsent; anyone may send it.</summary>
    public Task<TransactionReceipt> GiveConsentBySigAsync(Bytes32 runId, Address participant, byte[] signature, CancellationToken ct = default) =>
        Ledger.GiveConsentBySigAsync(runId, participant, signature, ct);

    /// <summary>The sender withdraws its consent to a run from the next round to be committed on.</summary>
    public Task<TransactionReceipt> WithdrawConsentAsync(Bytes32 runId, CancellationToken ct = default) => Ledger.WithdrawConsentAsync(runId, ct);

    /// <summary>The rounds a participant's consent to a run covers.</summary>
    public Task<ConsentRecord> ConsentOfAsync(Bytes32 runId, Address participant, CancellationToken ct = default) => Ledger.ConsentOfAsync(runId, participant, ct);

    /// <summary>The last committed round of a run (0 before the first).</summary>
    public Task<ulong> LastRoundAsync(Bytes32 runId, CancellationToken ct = default) => Ledger.LastRoundAsync(runId, ct);

    /// <summary>A run's parameters and progress.</summary>
    public Task<RunRecord> RunOfAsync(Bytes32 runId, CancellationToken ct = default) => Ledger.RunOfAsync(runId, ct);

    /// <summary>A committed round.</summary>
    public Task<RoundRecord> RoundOfAsync(Bytes32 runId, ulong round, CancellationToken ct = default) => Ledger.RoundOfAsync(runId, round, ct);

    /// <summary>One contributor's record in a round.</summary>
    public Task<ContributionRecord> ContributionOfAsync(Bytes32 runId, ulong round, Address contributor, CancellationToken ct = default) =>
        Ledger.ContributionOfAsync(runId, round, contributor, ct);

    /// <summary>The run and round that produced a model.</summary>
    public Task<ModelOrigin> ModelOriginAsync(Bytes32 modelHash, CancellationToken ct = default) => Ledger.ModelOriginAsync(modelHash, ct);

    /// <summary>An account's contribution-token balance.</summary>
    public Task<BigInteger> TokenBalanceAsync(Address account, CancellationToken ct = default) => Token.BalanceOfAsync(account, ct);

    /// <summary>RoundCommitted events (optionally of one run), read by block range with eth_getLogs.</summary>
    public Task<IReadOnlyList<RoundCommittedEvent>> GetRoundCommittedEventsAsync(Bytes32? runId = null, CancellationToken ct = default) =>
        Ledger.GetRoundCommittedEventsAsync(runId, ct: ct);

    /// <summary>ContributionRecorded events (optionally of one run), read by block range with eth_getLogs.</summary>
    public Task<IReadOnlyList<ContributionRecordedEvent>> GetContributionRecordedEventsAsync(Bytes32? runId = null, CancellationToken ct = default) =>
        Ledger.GetContributionRecordedEventsAsync(runId, ct: ct);
}
