// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SlotDerivation} from "@openzeppelin/contracts/utils/SlotDerivation.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {FedChainToken} from "./FedChainToken.sol";

/// @title FedChain ledger
/// @notice On-chain record of federated-learning runs: who may contribute, every committed round
/// (base and new model hash, metrics hash) and every contributor's signed update hash, sample
/// count, score and token reward. Contributors can trust it without trusting the aggregator:
/// - a round is accepted once, in order (round == lastRound + 1);
/// - lineage is an unbroken chain (baseModelHash == the previous round's newModelHash, or the
///   run's initial model for round 1), and every model hash has exactly one origin;
/// - every contribution carries the contributor's own EIP-712 signature over
///   UpdateCommitment(runId, round, baseModelHash, updateHash, numSamples, epsilonMicros) under this contract's
///   domain (name "FedChain", version "1", chain id, this address), so the coordinator cannot
///   attribute an update to a participant who did not sign it, nor replay it into another round,
///   run, chain or ledger; only 65-byte low-s signatures are accepted;
/// - every contributor has consented to the run: an EIP-712 RunConsent(runId, specHash) signed
///   with its participant key (sent by the participant, or relayed by anyone holding the
///   signature), counting from the next round to be committed until the participant withdraws
///   it, so an operator cannot book a hospital into a run it never approved;
/// - each contribution records the differential-privacy budget (micro-epsilon) its contributor
///   spent in the round, signed by the contributor with its update, a privacy ledger per site and run
///   that the coordinator cannot misstate;
/// - rewards are capped per round by the run's cap and minted by this contract only.
/// @dev Contribution records are written once per round as the code of a small data contract
/// (the "SSTORE2" pattern): 84 bytes of code cost 16.8k gas against 66.3k for the three storage
/// slots a record would need, which keeps the marginal gas per contributor under 60k.
contract FedChainLedger is AccessControl, EIP712 {
    using SlotDerivation for bytes32;
    using TransientSlot for bytes32;
    using TransientSlot for TransientSlot.BooleanSlot;

    /// @notice One contributor's share of a round, as the coordinator submits it.
    struct Contribution {
        address contributor;
        bytes32 updateHash;
        uint64 numSamples;
        uint32 scorePpm;
        uint256 reward;
        uint32 epsilonMicros;
        bytes signature;
    }

    // A participant's consent to a run: counts for rounds fromRound <= r < untilRound (0: open-ended).
    // fromRound 0: never given. Packed in one slot, so the commit-time check is one SLOAD.
    struct Consent {
        uint64 fromRound;
        uint64 untilRound;
    }

    struct Participant {
        bytes32 metadataHash;
        bool active;
        uint64 registeredAt;
    }

    struct Run {
        bytes32 specHash;
        bytes32 initialModelHash;
        uint256 maxRewardPerRound;
        bytes32 latestModelHash;
        address creator;
        uint64 lastRound;
    }

    struct Round {
        bytes32 baseModelHash;
        bytes32 newModelHash;
        bytes32 metricsHash;
        uint256 totalReward;
        address records;
        uint32 contributorCount;
        uint64 timestamp;
    }

    // What every contribution of the round being committed is checked against.
    struct CommitContext {
        bytes32 runId;
        uint64 round;
        bytes32 baseModelHash;
        bytes32 seen;
    }

    struct Origin {
        bytes32 runId;
        uint64 round;
    }

    /// @notice Role allowed to create runs and commit rounds (the aggregator's key).
    bytes32 public constant COORDINATOR_ROLE = keccak256("COORDINATOR_ROLE");

    /// @notice EIP-712 type hash of the commitment each contributor signs.
    bytes32 public constant UPDATE_COMMITMENT_TYPEHASH = keccak256(
        "UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples,uint32 epsilonMicros)"
    );

    /// @notice EIP-712 type hash of a participant's consent to a run.
    bytes32 public constant RUN_CONSENT_TYPEHASH = keccak256("RunConsent(bytes32 runId,bytes32 specHash)");

    /// @notice Most contributions one round may carry. The records would fit 292 (one 24 KiB
    /// contract), but a round of 256 new contributors already needs ~15M gas, close to the 2^24
    /// per-transaction gas cap of EIP-7825 (Osaka).
    uint256 public constant MAX_CONTRIBUTORS_PER_ROUND = 256;

    /// @notice Highest per-round reward cap: rewards are recorded in 16 bytes.
    uint256 public constant MAX_REWARD_CAP = type(uint128).max;

    /// @notice Highest score: 1,000,000 parts per million.
    uint32 public constant MAX_SCORE_PPM = 1_000_000;

    // Record layout in the data contract, after its leading STOP byte:
    // [contributor 20 | numSamples 8 | scorePpm 4] [updateHash 32] [reward 16 | epsilonMicros 4].
    uint256 private constant RECORD_SIZE = 84;
    // Creation code that returns the rest of itself as the runtime code:
    // PUSH2 len, DUP1, PUSH1 0x0a, RETURNDATASIZE(0), CODECOPY, RETURNDATASIZE(0), RETURN.
    uint256 private constant CREATION_PREFIX = 0x61000080600a3d393df3;
    uint256 private constant CREATION_PREFIX_SIZE = 10;

    // Transient (EIP-1153) namespace marking contributors already seen in the round being committed.
    bytes32 private constant SEEN_NAMESPACE = keccak256("fedchain.ledger.commitRound.seen");

    /// @notice The contribution token; this ledger is its only minter.
    FedChainToken public immutable token;

    mapping(address account => Participant) private _participants;
    mapping(bytes32 runId => Run) private _runs;
    mapping(bytes32 runId => mapping(uint64 round => Round)) private _rounds;
    mapping(bytes32 modelHash => Origin) private _origins;
    mapping(bytes32 runId => mapping(address participant => Consent)) private _consents;

    /// @notice An account was registered (or re-activated) as a participant.
    event ParticipantRegistered(address indexed account, bytes32 metadataHash);
    /// @notice A participant was deactivated; its later signatures are refused.
    event ParticipantDeactivated(address indexed account);
    /// @notice A run was created.
    event RunCreated(
        bytes32 indexed runId,
        address indexed creator,
        bytes32 specHash,
        bytes32 initialModelHash,
        uint256 maxRewardPerRound
    );
    /// @notice A round was committed.
    event RoundCommitted(
        bytes32 indexed runId,
        uint64 indexed round,
        bytes32 indexed newModelHash,
        bytes32 baseModelHash,
        bytes32 metricsHash,
        uint32 contributorCount,
        uint256 totalReward
    );
    /// @notice One contribution of a committed round.
    event ContributionRecorded(
        bytes32 indexed runId,
        uint64 indexed round,
        address indexed contributor,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 scorePpm,
        uint256 reward,
        uint32 epsilonMicros
    );
    /// @notice A participant consented to a run; its contributions count from `fromRound` on.
    event ConsentGiven(bytes32 indexed runId, address indexed participant, bytes32 specHash, uint64 fromRound);
    /// @notice A participant withdrew its consent; its contributions are refused from `fromRound` on.
    event ConsentWithdrawn(bytes32 indexed runId, address indexed participant, uint64 fromRound);

    /// @notice The zero address was given where an account is required.
    error ZeroAddress();
    /// @notice The account is already an active participant.
    error AlreadyParticipant(address account);
    /// @notice The account is not an active participant.
    error NotAParticipant(address account);
    /// @notice Run ids must be non-zero.
    error ZeroRunId();
    /// @notice A run's spec hash must be non-zero.
    error ZeroSpecHash();
    /// @notice Model hashes must be non-zero.
    error ZeroModelHash();
    /// @notice A run with this id exists already.
    error RunExists(bytes32 runId);
    /// @notice No run has this id.
    error UnknownRun(bytes32 runId);
    /// @notice The run has no committed round with this number.
    error UnknownRound(bytes32 runId, uint64 round);
    /// @notice The address did not contribute to this round.
    error NotAContributor(bytes32 runId, uint64 round, address contributor);
    /// @notice No committed round (nor run) produced this model hash.
    error UnknownModel(bytes32 modelHash);
    /// @notice Rounds are committed once each, in order.
    error RoundOutOfOrder(bytes32 runId, uint64 expected, uint64 got);
    /// @notice The round's base model is not the run's latest model.
    error BaseModelMismatch(bytes32 expected, bytes32 got);
    /// @notice The new model hash already has an origin (a run's initial model or an earlier round).
    error ModelAlreadyKnown(bytes32 modelHash, bytes32 originRunId, uint64 originRound);
    /// @notice A round needs at least one contribution.
    error EmptyRound();
    /// @notice The round carries more contributions than one round may.
    error TooManyContributors(uint256 count, uint256 max);
    /// @notice The contributor appears twice in the round.
    error DuplicateContributor(address contributor);
    /// @notice The score exceeds MAX_SCORE_PPM.
    error ScoreOutOfRange(address contributor, uint32 scorePpm);
    /// @notice The signature is malformed, malleable, or not the contributor's commitment.
    error InvalidSignature(address contributor);
    /// @notice The round's rewards add up to more than the run's cap (total saturates at 2^256-1).
    error RewardCapExceeded(uint256 cap, uint256 total);
    /// @notice A run's reward cap exceeds MAX_REWARD_CAP.
    error RewardCapTooLarge(uint256 cap, uint256 max);
    /// @notice Writing the round's contribution records failed.
    error RecordStoreFailed();
    /// @notice The contributor has no consent to this run that counts for this round.
    error NoConsent(bytes32 runId, uint64 round, address participant);
    /// @notice The consent signature is malformed, malleable, or not the participant's RunConsent for this run.
    error InvalidConsentSignature(address participant);
    /// @notice The participant's consent to this run is already in force.
    error ConsentAlreadyGiven(bytes32 runId, address participant);
    /// @notice The participant has no consent in force to withdraw.
    error NoConsentToWithdraw(bytes32 runId, address participant);
    /// @notice The participant withdrew this consent before; only the participant itself can give it again.
    error ConsentWithdrawnBefore(bytes32 runId, address participant);

    /// @param admin Holder of DEFAULT_ADMIN_ROLE: registers participants and grants roles.
    /// @param coordinator Initial holder of COORDINATOR_ROLE, or the zero address to grant it later.
    constructor(address admin, address coordinator) EIP712("FedChain", "1") {
        if (admin == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (coordinator != address(0)) _grantRole(COORDINATOR_ROLE, coordinator);
        token = new FedChainToken();
    }

    // ------------------------------------------------------------------ participants

    /// @notice Registers `account` as an active participant, or re-activates a deactivated one.
    function registerParticipant(address account, bytes32 metadataHash) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (account == address(0)) revert ZeroAddress();
        Participant storage p = _participants[account];
        if (p.active) revert AlreadyParticipant(account);
        p.metadataHash = metadataHash;
        p.active = true;
        p.registeredAt = uint64(block.timestamp);
        emit ParticipantRegistered(account, metadataHash);
    }

    /// @notice Deactivates a participant: its signatures are refused from now on; its records stay.
    function deactivateParticipant(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Participant storage p = _participants[account];
        if (!p.active) revert NotAParticipant(account);
        p.active = false;
        emit ParticipantDeactivated(account);
    }

    /// @notice Whether `account` is an active participant.
    function isParticipant(address account) external view returns (bool) {
        return _participants[account].active;
    }

    /// @notice A participant's status, metadata hash and last registration time (zeros if never registered).
    function participantOf(address account)
        external
        view
        returns (bool active, bytes32 metadataHash, uint64 registeredAt)
    {
        Participant storage p = _participants[account];
        return (p.active, p.metadataHash, p.registeredAt);
    }

    // ------------------------------------------------------------------ runs

    /// @notice Creates a run. `specHash` hashes the run's model card and configuration (its
    /// declared intent); `maxRewardPerRound` caps the sum of one round's rewards.
    /// @dev The initial model gets origin (runId, 0) unless an earlier run or round already
    /// produced it, in which case that origin stays (a run may continue another run's model).
    function createRun(bytes32 runId, bytes32 specHash, bytes32 initialModelHash, uint256 maxRewardPerRound)
        external
        onlyRole(COORDINATOR_ROLE)
    {
        if (runId == bytes32(0)) revert ZeroRunId();
        if (specHash == bytes32(0)) revert ZeroSpecHash();
        if (initialModelHash == bytes32(0)) revert ZeroModelHash();
        if (maxRewardPerRound > MAX_REWARD_CAP) revert RewardCapTooLarge(maxRewardPerRound, MAX_REWARD_CAP);
        Run storage run = _runs[runId];
        if (run.creator != address(0)) revert RunExists(runId);
        run.specHash = specHash;
        run.initialModelHash = initialModelHash;
        run.maxRewardPerRound = maxRewardPerRound;
        run.latestModelHash = initialModelHash;
        run.creator = msg.sender;
        Origin storage origin = _origins[initialModelHash];
        if (origin.runId == bytes32(0)) origin.runId = runId;
        emit RunCreated(runId, msg.sender, specHash, initialModelHash, maxRewardPerRound);
    }

    /// @notice A run's parameters and progress.
    function runOf(bytes32 runId)
        external
        view
        returns (
            bytes32 specHash,
            bytes32 initialModelHash,
            uint256 maxRewardPerRound,
            address creator,
            uint64 latestRound,
            bytes32 latestModelHash
        )
    {
        Run storage run = _run(runId);
        return
            (run.specHash, run.initialModelHash, run.maxRewardPerRound, run.creator, run.lastRound, run.latestModelHash);
    }

    /// @notice The last committed round of a run (0 before the first).
    function lastRound(bytes32 runId) external view returns (uint64) {
        return _run(runId).lastRound;
    }

    // ------------------------------------------------------------------ consent

    /// @notice The caller (an active participant) consents to `runId` as it was created (its spec hash).
    function giveConsent(bytes32 runId) external {
        _giveConsent(runId, msg.sender);
    }

    /// @notice Records `participant`'s consent from its EIP-712 RunConsent(runId, specHash) signature; anyone may relay it.
    /// @dev A relayed signature cannot revive a withdrawn consent (that would let anyone holding it undo the
    /// withdrawal); after a withdrawal only the participant itself can consent again.
    function giveConsentBySig(bytes32 runId, address participant, bytes calldata signature) external {
        Run storage run = _run(runId);
        (address signer, ECDSA.RecoverError err,) =
            ECDSA.tryRecoverCalldata(_consentDigest(runId, run.specHash), signature);
        if (err != ECDSA.RecoverError.NoError || signer != participant) revert InvalidConsentSignature(participant);
        if (_consents[runId][participant].untilRound != 0) revert ConsentWithdrawnBefore(runId, participant);
        _giveConsent(runId, participant);
    }

    /// @notice The caller withdraws its consent to `runId`: from the next round to be committed on,
    /// its contributions are refused. Rounds already committed keep their records.
    function withdrawConsent(bytes32 runId) external {
        Run storage run = _run(runId);
        Consent storage consent = _consents[runId][msg.sender];
        if (consent.fromRound == 0 || consent.untilRound != 0) revert NoConsentToWithdraw(runId, msg.sender);
        uint64 from = run.lastRound + 1;
        consent.untilRound = from;
        emit ConsentWithdrawn(runId, msg.sender, from);
    }

    /// @notice The rounds a participant's consent to a run covers: fromRound <= r < untilRound
    /// (untilRound 0: not withdrawn; fromRound 0: never given).
    function consentOf(bytes32 runId, address participant) external view returns (uint64 fromRound, uint64 untilRound) {
        Consent storage consent = _consents[runId][participant];
        return (consent.fromRound, consent.untilRound);
    }

    /// @notice Whether a contribution of `participant` to round `round` of `runId` has its consent.
    function hasConsent(bytes32 runId, address participant, uint64 round) external view returns (bool) {
        return _consented(_consents[runId][participant], round);
    }

    /// @notice The EIP-712 digest a participant signs to consent to a run with this spec hash.
    function hashRunConsent(bytes32 runId, bytes32 specHash) external view returns (bytes32) {
        return _consentDigest(runId, specHash);
    }

    // ------------------------------------------------------------------ rounds

    /// @notice Commits round `round` of `runId`: verifies every contribution, records the round
    /// and its contributions, and mints the rewards. Coordinator only.
    function commitRound(
        bytes32 runId,
        uint64 round,
        bytes32 baseModelHash,
        bytes32 newModelHash,
        bytes32 metricsHash,
        Contribution[] calldata contributions
    ) external onlyRole(COORDINATOR_ROLE) {
        Run storage run = _checkRoundHeader(runId, round, baseModelHash, newModelHash, contributions.length);
        CommitContext memory ctx = CommitContext({
            runId: runId,
            round: round,
            baseModelHash: baseModelHash,
            seen: SEEN_NAMESPACE.deriveMapping(runId).deriveMapping(uint256(round))
        });
        (address records, uint256 totalReward, address[] memory accounts, uint256[] memory amounts) =
            _recordContributions(ctx, run.maxRewardPerRound, contributions);
        run.lastRound = round;
        run.latestModelHash = newModelHash;
        _storeRound(ctx, newModelHash, metricsHash, records, totalReward, contributions.length);
        // Last, after every state change (the token is this ledger's own, without hooks, anyway).
        if (totalReward != 0) token.mintBatch(accounts, amounts);
    }

    /// @notice A committed round: its lineage, metrics hash, size, rewards and block time.
    function roundOf(bytes32 runId, uint64 round)
        external
        view
        returns (
            bytes32 baseModelHash,
            bytes32 newModelHash,
            bytes32 metricsHash,
            uint32 contributorCount,
            uint256 totalReward,
            uint64 timestamp
        )
    {
        Round storage r = _round(runId, round);
        return (r.baseModelHash, r.newModelHash, r.metricsHash, r.contributorCount, r.totalReward, r.timestamp);
    }

    /// @notice The contributors of a committed round, in the order the coordinator submitted them.
    function contributorsOf(bytes32 runId, uint64 round) external view returns (address[] memory contributors) {
        Round storage r = _round(runId, round);
        bytes memory data = _readRecords(r.records);
        contributors = new address[](r.contributorCount);
        for (uint256 i; i < contributors.length; ++i) {
            contributors[i] = _recordContributor(data, i);
        }
    }

    /// @notice One contributor's record in a committed round.
    function contributionOf(bytes32 runId, uint64 round, address contributor)
        external
        view
        returns (bytes32 updateHash, uint64 numSamples, uint32 scorePpm, uint256 reward, uint32 epsilonMicros)
    {
        Round storage r = _round(runId, round);
        bytes memory data = _readRecords(r.records);
        uint256 count = r.contributorCount;
        for (uint256 i; i < count; ++i) {
            if (_recordContributor(data, i) == contributor) return _recordFields(data, i);
        }
        revert NotAContributor(runId, round, contributor);
    }

    /// @notice The run and round that produced `modelHash` (round 0: the run's initial model).
    function modelOrigin(bytes32 modelHash) external view returns (bytes32 runId, uint64 round) {
        Origin storage origin = _origins[modelHash];
        if (origin.runId == bytes32(0)) revert UnknownModel(modelHash);
        return (origin.runId, origin.round);
    }

    // ------------------------------------------------------------------ signing helpers

    /// @notice The EIP-712 digest a contributor signs for an update (for clients to check their hashing).
    function hashUpdateCommitment(
        bytes32 runId,
        uint64 round,
        bytes32 baseModelHash,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 epsilonMicros
    ) external view returns (bytes32) {
        return _commitmentDigest(runId, round, baseModelHash, updateHash, numSamples, epsilonMicros);
    }

    /// @notice The EIP-712 domain separator of this ledger on this chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ------------------------------------------------------------------ internals

    function _run(bytes32 runId) private view returns (Run storage run) {
        run = _runs[runId];
        if (run.creator == address(0)) revert UnknownRun(runId);
    }

    function _round(bytes32 runId, uint64 round) private view returns (Round storage r) {
        Run storage run = _run(runId);
        if (round == 0 || round > run.lastRound) revert UnknownRound(runId, round);
        r = _rounds[runId][round];
    }

    function _giveConsent(bytes32 runId, address participant) private {
        Run storage run = _run(runId);
        if (!_participants[participant].active) revert NotAParticipant(participant);
        Consent storage consent = _consents[runId][participant];
        if (consent.fromRound != 0 && consent.untilRound == 0) revert ConsentAlreadyGiven(runId, participant);
        uint64 from = run.lastRound + 1;
        consent.fromRound = from;
        consent.untilRound = 0;
        emit ConsentGiven(runId, participant, run.specHash, from);
    }

    function _consented(Consent storage consent, uint64 round) private view returns (bool) {
        uint64 from = consent.fromRound;
        uint64 until = consent.untilRound;
        return from != 0 && round >= from && (until == 0 || round < until);
    }

    function _consentDigest(bytes32 runId, bytes32 specHash) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RUN_CONSENT_TYPEHASH, runId, specHash)));
    }

    function _commitmentDigest(
        bytes32 runId,
        uint64 round,
        bytes32 baseModelHash,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 epsilonMicros
    ) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(UPDATE_COMMITMENT_TYPEHASH, runId, round, baseModelHash, updateHash, numSamples, epsilonMicros)
            )
        );
    }

    function _checkRoundHeader(bytes32 runId, uint64 round, bytes32 baseModelHash, bytes32 newModelHash, uint256 count)
        private
        view
        returns (Run storage run)
    {
        run = _run(runId);
        uint64 expected = run.lastRound + 1;
        if (round != expected) revert RoundOutOfOrder(runId, expected, round);
        if (baseModelHash != run.latestModelHash) revert BaseModelMismatch(run.latestModelHash, baseModelHash);
        if (newModelHash == bytes32(0)) revert ZeroModelHash();
        Origin storage origin = _origins[newModelHash];
        if (origin.runId != bytes32(0)) revert ModelAlreadyKnown(newModelHash, origin.runId, origin.round);
        if (count == 0) revert EmptyRound();
        if (count > MAX_CONTRIBUTORS_PER_ROUND) revert TooManyContributors(count, MAX_CONTRIBUTORS_PER_ROUND);
    }

    function _storeRound(
        CommitContext memory ctx,
        bytes32 newModelHash,
        bytes32 metricsHash,
        address records,
        uint256 totalReward,
        uint256 contributorCount
    ) private {
        // casting to 'uint32' is safe because _checkRoundHeader caps the count at 256
        // forge-lint: disable-next-line(unsafe-typecast)
        uint32 count = uint32(contributorCount);
        Round storage r = _rounds[ctx.runId][ctx.round];
        r.baseModelHash = ctx.baseModelHash;
        r.newModelHash = newModelHash;
        r.metricsHash = metricsHash;
        r.totalReward = totalReward;
        r.records = records;
        r.contributorCount = count;
        r.timestamp = uint64(block.timestamp);
        Origin storage origin = _origins[newModelHash];
        origin.runId = ctx.runId;
        origin.round = ctx.round;
        emit RoundCommitted(ctx.runId, ctx.round, newModelHash, ctx.baseModelHash, metricsHash, count, totalReward);
    }

    /// @dev Verifies every contribution, writes the records contract and emits one event per
    /// contribution. Returns the records contract, the reward total and the mint list.
    function _recordContributions(CommitContext memory ctx, uint256 cap, Contribution[] calldata contributions)
        private
        returns (address records, uint256 totalReward, address[] memory accounts, uint256[] memory amounts)
    {
        uint256 count = contributions.length;
        bytes memory code = _newRecordsCode(count);
        accounts = new address[](count);
        amounts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            (address contributor, uint256 reward) = _recordContribution(ctx, contributions[i], code, i);
            accounts[i] = contributor;
            amounts[i] = reward;
            unchecked {
                uint256 sum = totalReward + reward;
                totalReward = sum < totalReward ? type(uint256).max : sum;
            }
        }
        if (totalReward > cap) revert RewardCapExceeded(cap, totalReward);

        assembly ("memory-safe") {
            records := create(0, add(code, 0x20), mload(code))
        }
        if (records == address(0)) revert RecordStoreFailed();
    }

    /// @dev Checks one contribution (active participant, consent for the round, first time in the round, score range,
    /// signature), writes its record at `index` and emits its event.
    function _recordContribution(CommitContext memory ctx, Contribution calldata c, bytes memory code, uint256 index)
        private
        returns (address contributor, uint256 reward)
    {
        contributor = c.contributor;
        reward = c.reward;
        if (!_participants[contributor].active) revert NotAParticipant(contributor);
        if (!_consented(_consents[ctx.runId][contributor], ctx.round)) revert NoConsent(ctx.runId, ctx.round, contributor);
        TransientSlot.BooleanSlot mark = ctx.seen.deriveMapping(contributor).asBoolean();
        if (mark.tload()) revert DuplicateContributor(contributor);
        mark.tstore(true);
        if (c.scorePpm > MAX_SCORE_PPM) revert ScoreOutOfRange(contributor, c.scorePpm);
        bytes32 digest =
            _commitmentDigest(ctx.runId, ctx.round, ctx.baseModelHash, c.updateHash, c.numSamples, c.epsilonMicros);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, c.signature);
        if (err != ECDSA.RecoverError.NoError || signer != contributor) revert InvalidSignature(contributor);
        _writeRecord(code, index, c);
        _emitContribution(ctx.runId, ctx.round, c);
    }

    function _emitContribution(bytes32 runId, uint64 round, Contribution calldata c) private {
        emit ContributionRecorded(
            runId, round, c.contributor, c.updateHash, c.numSamples, c.scorePpm, c.reward, c.epsilonMicros
        );
    }

    /// @dev Creation code for a data contract whose runtime code is a STOP byte (so calling it
    /// does nothing) followed by `count` records.
    function _newRecordsCode(uint256 count) private pure returns (bytes memory code) {
        uint256 runtimeSize = 1 + count * RECORD_SIZE;
        code = new bytes(CREATION_PREFIX_SIZE + runtimeSize);
        uint256 prefix = CREATION_PREFIX | (runtimeSize << 56);
        assembly ("memory-safe") {
            // The 10 prefix bytes are the low bytes of `prefix`; write them left-aligned.
            mstore(add(code, 0x20), shl(176, prefix))
        }
    }

    function _writeRecord(bytes memory code, uint256 index, Contribution calldata c) private pure {
        address contributor = c.contributor;
        uint64 numSamples = c.numSamples;
        uint32 scorePpm = c.scorePpm;
        bytes32 updateHash = c.updateHash;
        uint256 reward = c.reward;
        uint32 epsilonMicros = c.epsilonMicros;
        assembly ("memory-safe") {
            // 0x20 length word, then the prefix and the STOP byte.
            let at := add(add(code, 0x2b), mul(index, 84))
            // Back to front, so each word's leading zeros land on bytes written next and no
            // write leaves the record: epsilon (low 4 bytes of [52, 84)), reward (low 16 bytes
            // of [48, 80)), hash, head.
            mstore(add(at, 52), epsilonMicros)
            // A reward above 2^128 - 1 is truncated here, but it also exceeds the run's cap,
            // so the round reverts before the records are deployed.
            mstore(add(at, 48), reward)
            mstore(add(at, 32), updateHash)
            mstore(at, or(shl(96, contributor), or(shl(32, numSamples), scorePpm)))
        }
    }

    function _readRecords(address records) private view returns (bytes memory data) {
        uint256 size = records.code.length - 1;
        data = new bytes(size);
        assembly ("memory-safe") {
            extcodecopy(records, add(data, 0x20), 1, size)
        }
    }

    function _recordContributor(bytes memory data, uint256 index) private pure returns (address contributor) {
        assembly ("memory-safe") {
            contributor := shr(96, mload(add(add(data, 0x20), mul(index, 84))))
        }
    }

    function _recordFields(bytes memory data, uint256 index)
        private
        pure
        returns (bytes32 updateHash, uint64 numSamples, uint32 scorePpm, uint256 reward, uint32 epsilonMicros)
    {
        assembly ("memory-safe") {
            let at := add(add(data, 0x20), mul(index, 84))
            let head := mload(at)
            numSamples := and(shr(32, head), 0xffffffffffffffff)
            scorePpm := and(head, 0xffffffff)
            updateHash := mload(add(at, 32))
            reward := and(mload(add(at, 48)), 0xffffffffffffffffffffffffffffffff)
            epsilonMicros := and(mload(add(at, 52)), 0xffffffff)
        }
    }
}
