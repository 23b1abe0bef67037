// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {InvariantBase, Vm} from "./utils/Vm.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";
import {FedChainToken} from "../src/FedChainToken.sol";

/// @notice What the invariant fuzzer may do: commit the next round of one of two runs (valid,
/// so it succeeds), churn the participant set, and try the attacks the ledger must refuse (a
/// committed round again, a wrong base model, a skipped round, an inactive contributor, a
/// commitment from another round). Ghost variables record what really happened.
contract LedgerHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 public constant PARTICIPANTS = 8;
    uint256 private constant FIRST_KEY = 0xB000;
    uint256 public constant CAP = 100 ether;

    FedChainLedger public immutable ledger;
    FedChainToken public immutable token;
    address public immutable admin;
    address public immutable coordinator;
    bytes32[2] public runs;

    /// @notice Sum of the rewards of every round the handler saw committed.
    uint256 public ghostRewards;
    /// @notice Rounds the handler saw committed, per run.
    mapping(bytes32 runId => uint64) public ghostRounds;
    /// @notice Attacks that went through (must stay zero).
    uint256 public ghostBreaches;
    /// @notice Attacks tried, valid commits made and participant toggles (to see the fuzzer did work).
    uint256 public attacks;
    uint256 public commits;
    uint256 public toggles;

    constructor(FedChainLedger ledger_, address admin_, address coordinator_) {
        ledger = ledger_;
        token = ledger_.token();
        admin = admin_;
        coordinator = coordinator_;
        runs[0] = keccak256("invariant-run-a");
        runs[1] = keccak256("invariant-run-b");
    }

    function participant(uint256 i) public pure returns (address) {
        return vm.addr(FIRST_KEY + i);
    }

    // ------------------------------------------------------------------ valid actions

    function commitNext(uint256 runSeed, uint256 subsetSeed, uint256 rewardSeed) public {
        bytes32 runId = runs[runSeed % 2];
        uint64 round = ledger.lastRound(runId) + 1;
        (,,,,, bytes32 base) = ledger.runOf(runId);
        FedChainLedger.Contribution[] memory cs = _activeSubset(runId, round, base, subsetSeed, rewardSeed);
        if (cs.length == 0) return;
        uint256 total;
        for (uint256 i; i < cs.length; ++i) {
            total += cs[i].reward;
        }
        vm.prank(coordinator);
        ledger.commitRound(runId, round, base, _model(runId, round), keccak256(abi.encode(round)), cs);
        ghostRewards += total;
        ghostRounds[runId] = round;
        ++commits;
    }

    function toggleParticipant(uint256 seed) external {
        address account = participant(seed % PARTICIPANTS);
        bool active = ledger.isParticipant(account); // before the prank, which the next call consumes
        vm.prank(admin);
        if (active) ledger.deactivateParticipant(account);
        else ledger.registerParticipant(account, bytes32(seed));
        ++toggles;
    }

    // ------------------------------------------------------------------ attacks (must revert)

    function recommitCommittedRound(uint256 runSeed, uint256 roundSeed, uint256 subsetSeed) external {
        _maybeAdvance(runSeed, subsetSeed);
        bytes32 runId = runs[runSeed % 2];
        uint64 last = ledger.lastRound(runId);
        if (last == 0) return;
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 round = uint64(1 + roundSeed % last); // <= last, a uint64
        (bytes32 base,,,,,) = ledger.roundOf(runId, round);
        FedChainLedger.Contribution[] memory cs = _activeSubset(runId, round, base, subsetSeed, 1);
        if (cs.length == 0) return;
        _attack(runId, round, base, keccak256(abi.encode("fork", runId, round, subsetSeed)), cs);
    }

    function commitOnWrongBase(uint256 runSeed, bytes32 wrongBase, uint256 subsetSeed) external {
        _maybeAdvance(runSeed, subsetSeed);
        bytes32 runId = runs[runSeed % 2];
        uint64 round = ledger.lastRound(runId) + 1;
        (,,,,, bytes32 latest) = ledger.runOf(runId);
        if (wrongBase == latest) wrongBase = keccak256(abi.encode(wrongBase));
        FedChainLedger.Contribution[] memory cs = _activeSubset(runId, round, wrongBase, subsetSeed, 1);
        if (cs.length == 0) return;
        _attack(runId, round, wrongBase, _model(runId, round), cs);
    }

    function commitSkippingARound(uint256 runSeed, uint8 skip, uint256 subsetSeed) external {
        _maybeAdvance(runSeed, subsetSeed);
        bytes32 runId = runs[runSeed % 2];
        uint64 round = ledger.lastRound(runId) + 2 + skip % 4;
        (,,,,, bytes32 base) = ledger.runOf(runId);
        FedChainLedger.Contribution[] memory cs = _activeSubset(runId, round, base, subsetSeed, 1);
        if (cs.length == 0) return;
        _attack(runId, round, base, _model(runId, round), cs);
    }

    function commitWithInactiveContributor(uint256 runSeed, uint256 seed) external {
        _maybeAdvance(runSeed, seed);
        bytes32 runId = runs[runSeed % 2];
        uint256 i = seed % PARTICIPANTS;
        if (ledger.isParticipant(participant(i))) return;
        uint64 round = ledger.lastRound(runId) + 1;
        (,,,,, bytes32 base) = ledger.runOf(runId);
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](1);
        cs[0] = _contribution(i, runId, round, base, 1);
        _attack(runId, round, base, _model(runId, round), cs);
    }

    function replayPreviousRoundsCommitment(uint256 runSeed, uint256 seed) external {
        _maybeAdvance(runSeed, seed);
        bytes32 runId = runs[runSeed % 2];
        uint64 last = ledger.lastRound(runId);
        if (last == 0) return;
        uint256 i = seed % PARTICIPANTS;
        if (!ledger.isParticipant(participant(i))) return;
        (bytes32 oldBase,,,,,) = ledger.roundOf(runId, last);
        (,,,,, bytes32 base) = ledger.runOf(runId);
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](1);
        // Signed for the last committed round, submitted for the next one.
        cs[0] = _contribution(i, runId, last, oldBase, 1);
        _attack(runId, last + 1, base, _model(runId, last + 1), cs);
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Half of the attacks first commit the next round, so chains grow long within a campaign.
    function _maybeAdvance(uint256 runSeed, uint256 seed) private {
        // Hashed: the fuzzer favours small and repeated values, whose bits are not random.
        uint256 h = uint256(keccak256(abi.encode("advance", seed)));
        if (h & 1 == 1) commitNext(runSeed, h, seed);
    }

    function _attack(bytes32 runId, uint64 round, bytes32 base, bytes32 next, FedChainLedger.Contribution[] memory cs)
        private
    {
        ++attacks;
        vm.prank(coordinator);
        try ledger.commitRound(runId, round, base, next, bytes32(0), cs) {
            ++ghostBreaches;
        } catch {}
    }

    function _model(bytes32 runId, uint64 round) private pure returns (bytes32) {
        return keccak256(abi.encode("model", runId, round));
    }

    function _activeSubset(bytes32 runId, uint64 round, bytes32 base, uint256 subsetSeed, uint256 rewardSeed)
        private
        view
        returns (FedChainLedger.Contribution[] memory cs)
    {
        uint256 n;
        uint256 mask = uint256(keccak256(abi.encode("subset", subsetSeed)));
        FedChainLedger.Contribution[] memory all = new FedChainLedger.Contribution[](PARTICIPANTS);
        for (uint256 i; i < PARTICIPANTS; ++i) {
            if ((mask >> i) & 1 == 0 || !ledger.isParticipant(participant(i))) continue;
            // Rewards up to CAP / PARTICIPANTS each, so a round never exceeds the cap.
            uint256 reward = uint256(keccak256(abi.encode(rewardSeed, i))) % (CAP / PARTICIPANTS + 1);
            all[n++] = _contribution(i, runId, round, base, reward);
        }
        cs = new FedChainLedger.Contribution[](n);
        for (uint256 i; i < n; ++i) {
            cs[i] = all[i];
        }
    }

    function _contribution(uint256 i, bytes32 runId, uint64 round, bytes32 base, uint256 reward)
        private
        view
        returns (FedChainLedger.Contribution memory c)
    {
        c.contributor = participant(i);
        c.updateHash = keccak256(abi.encode("update", runId, round, i));
        // forge-lint: disable-next-line(unsafe-typecast)
        c.numSamples = uint64(10 * i + 1); // i < PARTICIPANTS
        // forge-lint: disable-next-line(unsafe-typecast)
        c.scorePpm = uint32(1_000_000 / PARTICIPANTS); // a constant below 2^32
        c.reward = reward;
        // forge-lint: disable-next-line(unsafe-typecast)
        c.epsilonMicros = uint32(1_000 * i + 7); // i < PARTICIPANTS
        bytes32 structHash = keccak256(
            abi.encode(
                ledger.UPDATE_COMMITMENT_TYPEHASH(), runId, round, base, c.updateHash, c.numSamples, c.epsilonMicros
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(FIRST_KEY + i, keccak256(abi.encodePacked("\x19\x01", ledger.DOMAIN_SEPARATOR(), structHash)));
        c.signature = abi.encodePacked(r, s, v);
    }
}

/// @notice Invariants: every minted token comes from a committed round's rewards; no round is
/// committed twice or out of order; each run's lineage is an unbroken chain.
contract FedChainLedgerInvariantTest is InvariantBase {
    FedChainLedger internal ledger;
    FedChainToken internal token;
    LedgerHandler internal handler;

    function setUp() public {
        address admin = address(0xAD);
        address coordinator = address(0xC0);
        ledger = new FedChainLedger(admin, coordinator);
        token = ledger.token();
        handler = new LedgerHandler(ledger, admin, coordinator);
        vm.startPrank(admin);
        for (uint256 i; i < handler.PARTICIPANTS(); ++i) {
            ledger.registerParticipant(handler.participant(i), bytes32(i));
        }
        vm.stopPrank();
        vm.startPrank(coordinator);
        ledger.createRun(handler.runs(0), keccak256("spec-a"), keccak256("initial-a"), handler.CAP());
        ledger.createRun(handler.runs(1), keccak256("spec-b"), keccak256("initial-b"), handler.CAP());
        vm.stopPrank();
        for (uint256 i; i < handler.PARTICIPANTS(); ++i) {
            address who = handler.participant(i);
            for (uint256 k; k < 2; ++k) {
                bytes32 runId = handler.runs(k);
                vm.prank(who);
                ledger.giveConsent(runId);
            }
        }
        targetContract(address(handler));
    }

    function invariant_TotalSupplyEqualsCommittedRewards() public view {
        uint256 recorded;
        uint256 contributed;
        for (uint256 k; k < 2; ++k) {
            bytes32 runId = handler.runs(k);
            uint64 last = ledger.lastRound(runId);
            for (uint64 r = 1; r <= last; ++r) {
                (,,,, uint256 total,) = ledger.roundOf(runId, r);
                recorded += total;
                address[] memory who = ledger.contributorsOf(runId, r);
                for (uint256 i; i < who.length; ++i) {
                    (,,, uint256 reward,) = ledger.contributionOf(runId, r, who[i]);
                    contributed += reward;
                }
            }
        }
        uint256 balances;
        for (uint256 i; i < handler.PARTICIPANTS(); ++i) {
            balances += token.balanceOf(handler.participant(i));
        }
        assertEq(token.totalSupply(), recorded, "supply == sum of rounds' total rewards");
        assertEq(recorded, contributed, "rounds' totals == sum of contribution rewards");
        assertEq(recorded, handler.ghostRewards(), "recorded == rewards of the commits made");
        assertEq(balances, token.totalSupply(), "all tokens are held by rewarded participants");
    }

    function invariant_NoRoundCommittedTwiceOrOutOfOrder() public view {
        assertEq(handler.ghostBreaches(), 0, "an attack was accepted");
        for (uint256 k; k < 2; ++k) {
            bytes32 runId = handler.runs(k);
            assertEq(ledger.lastRound(runId), handler.ghostRounds(runId), "last round == rounds committed in order");
        }
    }

    function invariant_LineageUnbroken() public view {
        for (uint256 k; k < 2; ++k) {
            bytes32 runId = handler.runs(k);
            (, bytes32 initial,,, uint64 last, bytes32 latest) = ledger.runOf(runId);
            bytes32 previous = initial;
            for (uint64 r = 1; r <= last; ++r) {
                (bytes32 base, bytes32 next,,,,) = ledger.roundOf(runId, r);
                assertEq(base, previous, "base == previous round's new model");
                (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(next);
                assertEq(originRun, runId, "origin run");
                assertEq(originRound, r, "origin round");
                previous = next;
            }
            assertEq(latest, previous, "run's latest model == last round's new model");
            (bytes32 initialRun, uint64 initialRound) = ledger.modelOrigin(initial);
            assertEq(initialRun, runId, "initial model's origin");
            assertEq(initialRound, 0, "initial model's round");
        }
    }

    /// @dev Shown with -vv after the campaign, to see that the fuzzer committed and attacked.
    function afterInvariant() public {
        emit log_named_uint("valid rounds committed", handler.commits());
        emit log_named_uint("attacks tried (all refused)", handler.attacks());
        emit log_named_uint("participant toggles", handler.toggles());
        emit log_named_uint("rounds of run a", ledger.lastRound(handler.runs(0)));
        emit log_named_uint("rounds of run b", ledger.lastRound(handler.runs(1)));
    }
}
