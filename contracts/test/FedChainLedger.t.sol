// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {Vm} from "./utils/Vm.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";
import {FedChainToken} from "../src/FedChainToken.sol";

contract FedChainLedgerTest is LedgerFixture {
    bytes32 internal constant OTHER_RUN = keccak256("run-2");

    function _unauthorized(address account, bytes32 role) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _expectCommitRevert(
        bytes memory revertData,
        uint64 round,
        bytes32 base,
        bytes32 next,
        FedChainLedger.Contribution[] memory cs
    ) private {
        vm.expectRevert(revertData);
        commit(RUN, round, base, next, cs);
    }

    function _one(FedChainLedger.Contribution memory c) private pure returns (FedChainLedger.Contribution[] memory cs) {
        cs = new FedChainLedger.Contribution[](1);
        cs[0] = c;
    }

    // ------------------------------------------------------------------ deployment

    function test_Constructor_GrantsRolesAndDeploysToken() public view {
        assertTrue(ledger.hasRole(ledger.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertTrue(ledger.hasRole(ledger.COORDINATOR_ROLE(), coordinator), "coordinator role");
        assertFalse(ledger.hasRole(ledger.COORDINATOR_ROLE(), admin), "admin is not coordinator");
        assertEq(token.ledger(), address(ledger), "token minter");
        assertEq(token.totalSupply(), 0, "no supply");
        assertEq(keccak256(bytes(token.name())), keccak256("FedChain Contribution"), "name");
        assertEq(keccak256(bytes(token.symbol())), keccak256("FEDC"), "symbol");
        assertEq(token.decimals(), 18, "decimals");
    }

    function test_Constructor_ZeroAdmin_RevertsZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ZeroAddress.selector));
        new FedChainLedger(address(0), coordinator);
    }

    function test_Constructor_ZeroCoordinator_GrantsNoCoordinator() public {
        FedChainLedger other = new FedChainLedger(admin, address(0));
        assertFalse(other.hasRole(other.COORDINATOR_ROLE(), address(0)), "zero address has no role");
        bytes32 coordinatorRole = other.COORDINATOR_ROLE();
        vm.prank(admin);
        other.grantRole(coordinatorRole, coordinator);
        vm.prank(coordinator);
        other.createRun(RUN, SPEC, INITIAL_MODEL, CAP);
        assertEq(other.lastRound(RUN), 0, "run created after the grant");
    }

    function test_Constants_MatchTheSpecification() public view {
        assertEq(ledger.COORDINATOR_ROLE(), keccak256("COORDINATOR_ROLE"), "coordinator role");
        assertEq(ledger.UPDATE_COMMITMENT_TYPEHASH(), COMMITMENT_TYPEHASH, "type hash");
        assertEq(ledger.MAX_CONTRIBUTORS_PER_ROUND(), 256, "max contributors");
        assertEq(ledger.MAX_SCORE_PPM(), 1_000_000, "max score");
        assertEq(ledger.MAX_REWARD_CAP(), type(uint128).max, "max cap");
    }

    function test_Eip712Domain_IsFedChainVersion1OnThisChainAndLedger() public view {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            ledger.eip712Domain();
        assertEq(keccak256(bytes(name)), keccak256("FedChain"), "name");
        assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(ledger), "verifying contract");
        assertEq(ledger.DOMAIN_SEPARATOR(), domainSeparator(), "domain separator");
    }

    function test_HashUpdateCommitment_EqualsIndependentEip712Digest() public view {
        bytes32 update = keccak256("update");
        assertEq(
            ledger.hashUpdateCommitment(RUN, 7, INITIAL_MODEL, update, 1234, 567_890),
            commitmentDigest(RUN, 7, INITIAL_MODEL, update, 1234, 567_890),
            "digest"
        );
    }

    // ------------------------------------------------------------------ participants

    function test_RegisterParticipant_NewAccount_ActiveWithMetadataAndEvent() public {
        address account = address(0xBEEF);
        vm.warp(1_700_000_000);
        vm.expectEmit(true, false, false, true, address(ledger));
        emit FedChainLedger.ParticipantRegistered(account, keccak256("meta"));
        vm.prank(admin);
        ledger.registerParticipant(account, keccak256("meta"));
        assertTrue(ledger.isParticipant(account), "active");
        (bool active, bytes32 metadata, uint64 registeredAt) = ledger.participantOf(account);
        assertTrue(active, "participantOf active");
        assertEq(metadata, keccak256("meta"), "metadata");
        assertEq(registeredAt, 1_700_000_000, "registered at");
    }

    function test_RegisterParticipant_NotAdmin_RevertsUnauthorized() public {
        vm.expectRevert(_unauthorized(coordinator, ledger.DEFAULT_ADMIN_ROLE()));
        vm.prank(coordinator);
        ledger.registerParticipant(address(0xBEEF), bytes32(0));
    }

    function test_RegisterParticipant_ZeroAddress_RevertsZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ZeroAddress.selector));
        vm.prank(admin);
        ledger.registerParticipant(address(0), bytes32(0));
    }

    function test_RegisterParticipant_AlreadyActive_RevertsAlreadyParticipant() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.AlreadyParticipant.selector, participant(0)));
        vm.prank(admin);
        ledger.registerParticipant(participant(0), bytes32(0));
    }

    function test_DeactivateParticipant_Active_InactiveKeepsMetadataAndEvent() public {
        address account = participant(0);
        vm.expectEmit(true, false, false, true, address(ledger));
        emit FedChainLedger.ParticipantDeactivated(account);
        vm.prank(admin);
        ledger.deactivateParticipant(account);
        assertFalse(ledger.isParticipant(account), "inactive");
        (bool active, bytes32 metadata,) = ledger.participantOf(account);
        assertFalse(active, "participantOf inactive");
        assertEq(metadata, keccak256(abi.encode("hospital", uint256(0))), "metadata kept");
    }

    function test_DeactivateParticipant_NotAdmin_RevertsUnauthorized() public {
        vm.expectRevert(_unauthorized(stranger, ledger.DEFAULT_ADMIN_ROLE()));
        vm.prank(stranger);
        ledger.deactivateParticipant(participant(0));
    }

    function test_DeactivateParticipant_Unknown_RevertsNotAParticipant() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NotAParticipant.selector, stranger));
        vm.prank(admin);
        ledger.deactivateParticipant(stranger);
    }

    function test_DeactivateParticipant_Twice_RevertsNotAParticipant() public {
        vm.startPrank(admin);
        ledger.deactivateParticipant(participant(1));
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NotAParticipant.selector, participant(1)));
        ledger.deactivateParticipant(participant(1));
        vm.stopPrank();
    }

    function test_RegisterParticipant_AfterDeactivation_ReactivatesWithNewMetadata() public {
        vm.startPrank(admin);
        ledger.deactivateParticipant(participant(2));
        ledger.registerParticipant(participant(2), keccak256("new"));
        vm.stopPrank();
        (bool active, bytes32 metadata,) = ledger.participantOf(participant(2));
        assertTrue(active, "active again");
        assertEq(metadata, keccak256("new"), "new metadata");
    }

    function test_IsParticipant_NeverRegistered_False() public view {
        assertFalse(ledger.isParticipant(stranger), "stranger");
        (bool active, bytes32 metadata, uint64 registeredAt) = ledger.participantOf(stranger);
        assertFalse(active, "inactive");
        assertEq(metadata, bytes32(0), "no metadata");
        assertEq(registeredAt, 0, "never registered");
    }

    // ------------------------------------------------------------------ runs

    function test_CreateRun_New_StoresRunOriginAndEvent() public {
        vm.expectEmit(true, true, false, true, address(ledger));
        emit FedChainLedger.RunCreated(OTHER_RUN, coordinator, SPEC, keccak256("init-2"), 5 ether);
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, keccak256("init-2"), 5 ether);
        consentAll(OTHER_RUN);
        (bytes32 spec, bytes32 initial, uint256 cap, address creator, uint64 latestRound, bytes32 latest) =
            ledger.runOf(OTHER_RUN);
        assertEq(spec, SPEC, "spec");
        assertEq(initial, keccak256("init-2"), "initial");
        assertEq(cap, 5 ether, "cap");
        assertEq(creator, coordinator, "creator");
        assertEq(latestRound, 0, "no round yet");
        assertEq(latest, keccak256("init-2"), "latest model is the initial one");
        assertEq(ledger.lastRound(OTHER_RUN), 0, "lastRound");
        (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(keccak256("init-2"));
        assertEq(originRun, OTHER_RUN, "origin run");
        assertEq(originRound, 0, "origin round 0: initial model");
    }

    function test_CreateRun_NotCoordinator_RevertsUnauthorized() public {
        vm.expectRevert(_unauthorized(admin, ledger.COORDINATOR_ROLE()));
        vm.prank(admin);
        ledger.createRun(OTHER_RUN, SPEC, INITIAL_MODEL, CAP);
    }

    function test_CreateRun_ZeroRunId_RevertsZeroRunId() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ZeroRunId.selector));
        vm.prank(coordinator);
        ledger.createRun(bytes32(0), SPEC, INITIAL_MODEL, CAP);
    }

    function test_CreateRun_ZeroSpecHash_RevertsZeroSpecHash() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ZeroSpecHash.selector));
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, bytes32(0), INITIAL_MODEL, CAP);
    }

    function test_CreateRun_ZeroInitialModel_RevertsZeroModelHash() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ZeroModelHash.selector));
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, bytes32(0), CAP);
    }

    function test_CreateRun_CapAboveMax_RevertsRewardCapTooLarge() public {
        uint256 cap = uint256(type(uint128).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(FedChainLedger.RewardCapTooLarge.selector, cap, uint256(type(uint128).max))
        );
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, INITIAL_MODEL, cap);
    }

    function test_CreateRun_MaxCap_Accepted() public {
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, keccak256("x"), type(uint128).max);
        (,, uint256 cap,,,) = ledger.runOf(OTHER_RUN);
        assertEq(cap, type(uint128).max, "cap");
    }

    function test_CreateRun_ExistingId_RevertsRunExists() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.RunExists.selector, RUN));
        vm.prank(coordinator);
        ledger.createRun(RUN, SPEC, keccak256("other"), CAP);
    }

    function test_CreateRun_FromAnotherRunsModel_KeepsTheProducingOrigin() public {
        commitRounds(2, 2);
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, modelHash(2), CAP);
        consentAll(OTHER_RUN);
        (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(modelHash(2));
        assertEq(originRun, RUN, "still produced by the first run");
        assertEq(originRound, 2, "in round 2");
        // The continuation run builds on that model.
        commit(OTHER_RUN, 1, modelHash(2), keccak256("continued"), contributions(0, 2, OTHER_RUN, 1, modelHash(2), 1));
        assertEq(ledger.lastRound(OTHER_RUN), 1, "continuation committed");
    }

    function test_CreateRun_SharedInitialModel_FirstRunStaysOrigin() public {
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, INITIAL_MODEL, CAP);
        (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(INITIAL_MODEL);
        assertEq(originRun, RUN, "first run");
        assertEq(originRound, 0, "initial model");
    }

    function test_RunViews_UnknownRun_RevertUnknownRun() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        ledger.runOf(OTHER_RUN);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        ledger.lastRound(OTHER_RUN);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        ledger.roundOf(OTHER_RUN, 1);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        ledger.contributorsOf(OTHER_RUN, 1);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        ledger.contributionOf(OTHER_RUN, 1, participant(0));
    }

    // ------------------------------------------------------------------ commitRound: success

    function test_CommitRound_ThreeContributors_RecordsEverything() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, 2 ether);
        vm.warp(1_800_000_000);
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        assertEq(ledger.lastRound(RUN), 1, "last round");
        (bytes32 base, bytes32 next, bytes32 metrics, uint32 count, uint256 total, uint64 timestamp) =
            ledger.roundOf(RUN, 1);
        assertEq(base, INITIAL_MODEL, "base");
        assertEq(next, modelHash(1), "new");
        assertEq(metrics, keccak256(abi.encode("metrics", uint64(1))), "metrics");
        assertEq(count, 3, "count");
        assertEq(total, 6 ether, "total");
        assertEq(timestamp, 1_800_000_000, "timestamp");
        address[] memory who = ledger.contributorsOf(RUN, 1);
        assertEq(who.length, 3, "contributors");
        for (uint256 i; i < 3; ++i) {
            assertEq(who[i], participant(i), "contributor order");
            (bytes32 h, uint64 n, uint32 s, uint256 rw,) = ledger.contributionOf(RUN, 1, participant(i));
            assertEq(h, cs[i].updateHash, "update hash");
            assertEq(n, cs[i].numSamples, "samples");
            assertEq(s, cs[i].scorePpm, "score");
            assertEq(rw, 2 ether, "reward");
            assertEq(token.balanceOf(participant(i)), 2 ether, "balance");
        }
        assertEq(token.totalSupply(), 6 ether, "supply");
        (,,,, uint64 latestRound, bytes32 latest) = ledger.runOf(RUN);
        assertEq(latestRound, 1, "run's latest round");
        assertEq(latest, modelHash(1), "run's latest model");
        (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(modelHash(1));
        assertEq(originRun, RUN, "origin run");
        assertEq(originRound, 1, "origin round");
    }

    function test_CommitRound_EmitsRoundAndContributionEvents() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 2, RUN, 1, INITIAL_MODEL, 3 ether);
        for (uint256 i; i < 2; ++i) {
            vm.expectEmit(true, true, true, true, address(ledger));
            emit FedChainLedger.ContributionRecorded(
                RUN, 1, cs[i].contributor, cs[i].updateHash, cs[i].numSamples, cs[i].scorePpm, 3 ether, cs[i].epsilonMicros
            );
        }
        vm.expectEmit(true, true, true, true, address(ledger));
        emit FedChainLedger.RoundCommitted(
            RUN, 1, modelHash(1), INITIAL_MODEL, keccak256(abi.encode("metrics", uint64(1))), 2, 6 ether
        );
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
    }

    function test_CommitRound_ThreeRounds_LineageAndBalancesAccumulate() public {
        commitRounds(3, 4);
        assertEq(ledger.lastRound(RUN), 3, "last round");
        for (uint64 r = 1; r <= 3; ++r) {
            (bytes32 base, bytes32 next,,,,) = ledger.roundOf(RUN, r);
            assertEq(base, baseOf(r), "base is the previous new model");
            assertEq(next, modelHash(r), "new model");
            (bytes32 originRun, uint64 originRound) = ledger.modelOrigin(next);
            assertEq(originRun, RUN, "origin run");
            assertEq(originRound, r, "origin round");
        }
        assertEq(token.balanceOf(participant(3)), 3 ether, "three rewards");
        assertEq(token.totalSupply(), 12 ether, "supply");
    }

    function test_CommitRound_SameContributorsInTwoRunsInOneTransaction_BothAccepted() public {
        // Forge runs a test as one transaction, so this also shows that the transient
        // duplicate marks of one round do not leak into another.
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, keccak256("init-2"), CAP);
        consentAll(OTHER_RUN);
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), contributions(0, 3, RUN, 1, INITIAL_MODEL, 1));
        commit(
            OTHER_RUN,
            1,
            keccak256("init-2"),
            keccak256("m2"),
            contributions(0, 3, OTHER_RUN, 1, keccak256("init-2"), 1)
        );
        commit(RUN, 2, modelHash(1), modelHash(2), contributions(0, 3, RUN, 2, modelHash(1), 1));
        assertEq(ledger.contributorsOf(OTHER_RUN, 1).length, 3, "other run");
        assertEq(ledger.contributorsOf(RUN, 2).length, 3, "second round");
    }

    function test_CommitRound_ZeroRewards_RecordsWithoutMinting() public {
        vm.recordLogs();
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), contributions(0, 3, RUN, 1, INITIAL_MODEL, 0));
        assertEq(token.totalSupply(), 0, "nothing minted");
        (,,,, uint256 total,) = ledger.roundOf(RUN, 1);
        assertEq(total, 0, "total");
        (,,, uint256 reward,) = ledger.contributionOf(RUN, 1, participant(1));
        assertEq(reward, 0, "reward");
        // No Transfer events at all.
        assertEq(_countLogs(address(token)), 0, "token logs");
    }

    function test_CommitRound_MixedRewards_MintsOnlyNonZero() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, 0);
        cs[1].reward = 5;
        vm.recordLogs();
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        assertEq(_countLogs(address(token)), 1, "one Transfer");
        assertEq(token.balanceOf(participant(1)), 5, "rewarded");
        assertEq(token.balanceOf(participant(0)), 0, "unrewarded");
    }

    function test_CommitRound_RewardsExactlyAtCap_Accepted() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 2, RUN, 1, INITIAL_MODEL, CAP / 2);
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        assertEq(token.totalSupply(), CAP, "supply at cap");
    }

    function test_CommitRound_MaxScoreAndExtremeFields_RoundTrip() public {
        FedChainLedger.Contribution memory c;
        c.contributor = participant(5);
        c.updateHash = bytes32(type(uint256).max);
        c.numSamples = type(uint64).max;
        c.scorePpm = 1_000_000;
        c.reward = CAP;
        c.signature = signCommitment(key(5), RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros);
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), _one(c));
        (bytes32 h, uint64 n, uint32 s, uint256 rw,) = ledger.contributionOf(RUN, 1, participant(5));
        assertEq(h, c.updateHash, "update hash");
        assertEq(n, type(uint64).max, "samples");
        assertEq(s, 1_000_000, "score");
        assertEq(rw, CAP, "reward");
    }

    function test_CommitRound_LargestRewardRecord_RoundTrips() public {
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, keccak256("init-2"), type(uint128).max);
        consentAll(OTHER_RUN);
        FedChainLedger.Contribution[] memory cs = contributions(0, 2, OTHER_RUN, 1, keccak256("init-2"), 0);
        cs[0].reward = type(uint128).max - 1;
        cs[1].reward = 1;
        commit(OTHER_RUN, 1, keccak256("init-2"), keccak256("m"), cs);
        (,,, uint256 r0,) = ledger.contributionOf(OTHER_RUN, 1, participant(0));
        (,,, uint256 r1,) = ledger.contributionOf(OTHER_RUN, 1, participant(1));
        assertEq(r0, type(uint128).max - 1, "largest reward");
        assertEq(r1, 1, "neighbour record intact");
    }

    function test_CommitRound_MaxContributors_Accepted() public {
        uint256 max = ledger.MAX_CONTRIBUTORS_PER_ROUND();
        _registerExtra(max);
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](max);
        for (uint256 i; i < max; ++i) {
            cs[i] = contribution(i, RUN, 1, INITIAL_MODEL, 1);
        }
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        address[] memory who = ledger.contributorsOf(RUN, 1);
        assertEq(who.length, max, "all recorded");
        assertEq(who[max - 1], participant(max - 1), "last contributor");
        (bytes32 h,,,,) = ledger.contributionOf(RUN, 1, participant(max - 1));
        assertEq(h, cs[max - 1].updateHash, "last record");
    }

    function test_CommitRound_DeactivatedLater_OldRecordsStay() public {
        commitRounds(1, 2);
        vm.prank(admin);
        ledger.deactivateParticipant(participant(0));
        (bytes32 h,,,,) = ledger.contributionOf(RUN, 1, participant(0));
        assertEq(h, keccak256(abi.encode("update", RUN, uint64(1), uint256(0))), "record kept");
        assertEq(token.balanceOf(participant(0)), 1 ether, "reward kept");
    }

    function test_RecordsContract_IsInertData() public {
        commitRounds(1, 2);
        // Ledger nonce 1 created the token, nonce 2 the first round's records contract.
        address records = _createAddress(address(ledger), 2);
        assertEq(records.code.length, 1 + 2 * 84, "a STOP byte and two 84-byte records");
        assertEq(uint8(records.code[0]), 0, "leading STOP");
        // Calling it just stops: it holds data, no behaviour.
        (bool ok, bytes memory ret) = records.call(abi.encodeWithSignature("anything()"));
        assertTrue(ok, "call stops");
        assertEq(ret.length, 0, "returns nothing");
        bytes memory code = records.code;
        address first;
        assembly {
            first := shr(96, mload(add(code, 0x21)))
        }
        assertEq(first, participant(0), "first record's contributor");
    }

    // ------------------------------------------------------------------ commitRound: rejections

    function test_CommitRound_NotCoordinator_RevertsUnauthorized() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 1, RUN, 1, INITIAL_MODEL, 1);
        vm.expectRevert(_unauthorized(admin, ledger.COORDINATOR_ROLE()));
        vm.prank(admin);
        ledger.commitRound(RUN, 1, INITIAL_MODEL, modelHash(1), bytes32(0), cs);
    }

    function test_CommitRound_UnknownRun_RevertsUnknownRun() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 1, OTHER_RUN, 1, INITIAL_MODEL, 1);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, OTHER_RUN));
        commit(OTHER_RUN, 1, INITIAL_MODEL, modelHash(1), cs);
    }

    function test_CommitRound_RoundZero_RevertsRoundOutOfOrder() public {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RoundOutOfOrder.selector, RUN, uint64(1), uint64(0)),
            0,
            INITIAL_MODEL,
            modelHash(1),
            contributions(0, 1, RUN, 0, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_SkipsARound_RevertsRoundOutOfOrder() public {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RoundOutOfOrder.selector, RUN, uint64(1), uint64(2)),
            2,
            INITIAL_MODEL,
            modelHash(2),
            contributions(0, 1, RUN, 2, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_SameRoundTwice_RevertsRoundOutOfOrder() public {
        commitRounds(2, 2);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RoundOutOfOrder.selector, RUN, uint64(3), uint64(2)),
            2,
            modelHash(1),
            keccak256("again"),
            contributions(0, 2, RUN, 2, modelHash(1), 1)
        );
    }

    function test_CommitRound_WrongBaseModel_RevertsBaseModelMismatch() public {
        commitRounds(1, 2);
        bytes32 wrong = keccak256("wrong base");
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.BaseModelMismatch.selector, modelHash(1), wrong),
            2,
            wrong,
            modelHash(2),
            contributions(0, 2, RUN, 2, wrong, 1)
        );
    }

    function test_CommitRound_FirstRoundNotOnInitialModel_RevertsBaseModelMismatch() public {
        bytes32 wrong = keccak256("not initial");
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.BaseModelMismatch.selector, INITIAL_MODEL, wrong),
            1,
            wrong,
            modelHash(1),
            contributions(0, 1, RUN, 1, wrong, 1)
        );
    }

    function test_CommitRound_ZeroNewModel_RevertsZeroModelHash() public {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.ZeroModelHash.selector),
            1,
            INITIAL_MODEL,
            bytes32(0),
            contributions(0, 1, RUN, 1, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_NewModelEqualsBase_RevertsModelAlreadyKnown() public {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.ModelAlreadyKnown.selector, INITIAL_MODEL, RUN, uint64(0)),
            1,
            INITIAL_MODEL,
            INITIAL_MODEL,
            contributions(0, 1, RUN, 1, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_NewModelFromAnEarlierRound_RevertsModelAlreadyKnown() public {
        commitRounds(2, 2);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.ModelAlreadyKnown.selector, modelHash(1), RUN, uint64(1)),
            3,
            modelHash(2),
            modelHash(1),
            contributions(0, 2, RUN, 3, modelHash(2), 1)
        );
    }

    function test_CommitRound_NewModelFromAnotherRun_RevertsModelAlreadyKnown() public {
        vm.prank(coordinator);
        ledger.createRun(OTHER_RUN, SPEC, keccak256("init-2"), CAP);
        consentAll(OTHER_RUN);
        commit(
            OTHER_RUN, 1, keccak256("init-2"), keccak256("m"), contributions(0, 1, OTHER_RUN, 1, keccak256("init-2"), 1)
        );
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.ModelAlreadyKnown.selector, keccak256("m"), OTHER_RUN, uint64(1)),
            1,
            INITIAL_MODEL,
            keccak256("m"),
            contributions(0, 1, RUN, 1, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_NoContributions_RevertsEmptyRound() public {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.EmptyRound.selector),
            1,
            INITIAL_MODEL,
            modelHash(1),
            new FedChainLedger.Contribution[](0)
        );
    }

    function test_CommitRound_TooManyContributions_RevertsTooManyContributors() public {
        // The count is checked before anything else, so the entries may stay empty.
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.TooManyContributors.selector, uint256(257), uint256(256)),
            1,
            INITIAL_MODEL,
            modelHash(1),
            new FedChainLedger.Contribution[](257)
        );
    }

    function test_CommitRound_UnregisteredSigner_RevertsNotAParticipant() public {
        uint256 outsiderKey = 0xBAD;
        address outsider = vm.addr(outsiderKey);
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.contributor = outsider;
        c.signature = signCommitment(outsiderKey, RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.NotAParticipant.selector, outsider),
            1,
            INITIAL_MODEL,
            modelHash(1),
            _one(c)
        );
    }

    function test_CommitRound_DeactivatedParticipant_RevertsNotAParticipant() public {
        vm.prank(admin);
        ledger.deactivateParticipant(participant(1));
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.NotAParticipant.selector, participant(1)),
            1,
            INITIAL_MODEL,
            modelHash(1),
            contributions(0, 3, RUN, 1, INITIAL_MODEL, 1)
        );
    }

    function test_CommitRound_SignedByAnotherKey_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.signature = signCommitment(0xBAD, RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_SignedByAnotherParticipant_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.signature = signCommitment(key(1), RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_EpsilonOtherThanTheContributorSigned_RevertsInvalidSignature() public {
        // The coordinator cannot understate (or overstate) what a site says it spent: epsilon is in the signed commitment.
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.epsilonMicros -= 1;
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_Round2CommitmentReplayedInRound3_RevertsInvalidSignature() public {
        commitRounds(2, 2);
        // Round 2's commitment, including its signature, resubmitted as round 3 on the right base.
        FedChainLedger.Contribution memory c = contribution(0, RUN, 2, modelHash(1), 1);
        _expectInvalidSignature(c, 3, modelHash(2));
    }

    function test_CommitRound_SignatureForAnotherRun_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, OTHER_RUN, 1, INITIAL_MODEL, 1);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_SignatureForAnotherBase_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, keccak256("other base"), 1);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_AlteredUpdateHash_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.updateHash = keccak256("swapped update");
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_AlteredSampleCount_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.numSamples += 1;
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_SignatureForAnotherLedger_RevertsInvalidSignature() public {
        FedChainLedger other = new FedChainLedger(admin, coordinator);
        bytes32 structHash =
            keccak256(abi.encode(COMMITMENT_TYPEHASH, RUN, uint64(1), INITIAL_MODEL, keccak256("u"), uint64(9)));
        bytes32 otherDomain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("FedChain"), keccak256("1"), block.chainid, address(other))
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key(0), keccak256(abi.encodePacked("\x19\x01", otherDomain, structHash)));
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.updateHash = keccak256("u");
        c.numSamples = 9;
        c.signature = abi.encodePacked(r, s, v);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_SignatureFromAnotherChain_RevertsInvalidSignature() public {
        uint256 chain = block.chainid;
        vm.chainId(chain + 1);
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        vm.chainId(chain);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_CompactSignature_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key(0), commitmentDigest(RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros));
        // EIP-2098: r and yParity folded into the top bit of s (64 bytes): valid elsewhere, refused here.
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        c.signature = abi.encodePacked(r, vs);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_HighSSignature_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key(0), commitmentDigest(RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros));
        // The malleable twin (n - s, flipped v) recovers the same key with plain ecrecover.
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flipped = v == 27 ? 28 : 27;
        assertEq(
            ecrecover(commitmentDigest(RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros), flipped, r, highS),
            participant(0),
            "twin recovers with raw ecrecover"
        );
        c.signature = abi.encodePacked(r, highS, flipped);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_VAsZeroOrOne_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key(0), commitmentDigest(RUN, 1, INITIAL_MODEL, c.updateHash, c.numSamples, c.epsilonMicros));
        c.signature = abi.encodePacked(r, s, v - 27);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_EmptyOrPaddedSignature_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        bytes memory good = c.signature;
        c.signature = "";
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
        c.signature = abi.encodePacked(good, bytes1(0));
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_ZeroedSignature_RevertsInvalidSignature() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.signature = new bytes(65);
        _expectInvalidSignature(c, 1, INITIAL_MODEL);
    }

    function test_CommitRound_DuplicateContributor_RevertsDuplicateContributor() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, 1);
        cs[2] = cs[0];
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.DuplicateContributor.selector, participant(0)),
            1,
            INITIAL_MODEL,
            modelHash(1),
            cs
        );
    }

    function test_CommitRound_DuplicateWithDifferentUpdate_RevertsDuplicateContributor() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 2, RUN, 1, INITIAL_MODEL, 1);
        cs[1] = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        cs[1].updateHash = keccak256("second update");
        cs[1].signature = signCommitment(key(0), RUN, 1, INITIAL_MODEL, cs[1].updateHash, cs[1].numSamples, cs[1].epsilonMicros);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.DuplicateContributor.selector, participant(0)),
            1,
            INITIAL_MODEL,
            modelHash(1),
            cs
        );
    }

    function test_CommitRound_ScoreAboveMillion_RevertsScoreOutOfRange() public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.scorePpm = 1_000_001;
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.ScoreOutOfRange.selector, participant(0), uint32(1_000_001)),
            1,
            INITIAL_MODEL,
            modelHash(1),
            _one(c)
        );
    }

    function test_CommitRound_RewardsAboveCap_RevertsRewardCapExceeded() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, CAP / 2);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RewardCapExceeded.selector, CAP, CAP / 2 * 3),
            1,
            INITIAL_MODEL,
            modelHash(1),
            cs
        );
    }

    function test_CommitRound_OverflowingRewards_RevertsRewardCapExceededSaturated() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 2, RUN, 1, INITIAL_MODEL, type(uint256).max);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RewardCapExceeded.selector, CAP, type(uint256).max),
            1,
            INITIAL_MODEL,
            modelHash(1),
            cs
        );
    }

    function test_CommitRound_RejectedRound_LeavesNoTrace() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, CAP);
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.RewardCapExceeded.selector, CAP, CAP * 3),
            1,
            INITIAL_MODEL,
            modelHash(1),
            cs
        );
        assertEq(ledger.lastRound(RUN), 0, "no round");
        assertEq(token.totalSupply(), 0, "no supply");
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownModel.selector, modelHash(1)));
        ledger.modelOrigin(modelHash(1));
        // The same round, fixed, goes through.
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), contributions(0, 3, RUN, 1, INITIAL_MODEL, 1));
        assertEq(ledger.lastRound(RUN), 1, "committed after the fix");
    }

    // ------------------------------------------------------------------ views: rejections

    function test_RoundOf_UncommittedRounds_RevertUnknownRound() public {
        commitRounds(1, 1);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRound.selector, RUN, uint64(0)));
        ledger.roundOf(RUN, 0);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRound.selector, RUN, uint64(2)));
        ledger.roundOf(RUN, 2);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRound.selector, RUN, uint64(2)));
        ledger.contributorsOf(RUN, 2);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRound.selector, RUN, uint64(2)));
        ledger.contributionOf(RUN, 2, participant(0));
    }

    function test_ContributionOf_NonContributor_RevertsNotAContributor() public {
        commitRounds(1, 2);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NotAContributor.selector, RUN, uint64(1), participant(2)));
        ledger.contributionOf(RUN, 1, participant(2));
    }

    function test_ModelOrigin_Unknown_RevertsUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownModel.selector, keccak256("nope")));
        ledger.modelOrigin(keccak256("nope"));
    }

    // ------------------------------------------------------------------ helpers

    function _expectInvalidSignature(FedChainLedger.Contribution memory c, uint64 round, bytes32 base) private {
        _expectCommitRevert(
            abi.encodeWithSelector(FedChainLedger.InvalidSignature.selector, c.contributor),
            round,
            base,
            modelHash(round),
            _one(c)
        );
    }

    function _registerExtra(uint256 total) private {
        vm.startPrank(admin);
        for (uint256 i = PARTICIPANTS; i < total; ++i) {
            ledger.registerParticipant(participant(i), bytes32(i));
        }
        vm.stopPrank();
        for (uint256 i = PARTICIPANTS; i < total; ++i) {
            vm.prank(participant(i));
            ledger.giveConsent(RUN);
        }
    }

    function _countLogs(address emitter) private returns (uint256 count) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == emitter) ++count;
        }
    }

    /// @dev CREATE address for a nonce below 0x80 (RLP: [deployer, nonce]).
    function _createAddress(address deployer, uint8 nonce) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), deployer, nonce)))));
    }
}
