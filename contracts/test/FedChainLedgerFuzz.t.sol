// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

/// @notice Property tests over signatures, fields, rewards and round numbers.
contract FedChainLedgerFuzzTest is LedgerFixture {
    bytes32 internal constant FUZZ_RUN = keccak256("fuzz-run");

    function _one(FedChainLedger.Contribution memory c) private pure returns (FedChainLedger.Contribution[] memory cs) {
        cs = new FedChainLedger.Contribution[](1);
        cs[0] = c;
    }

    function testFuzz_CommitRound_AnyKeyAndFields_RecordedExactly(
        uint256 privateKey,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 scorePpm,
        uint256 reward,
        bytes32 metrics
    ) public {
        privateKey = bound(privateKey, 1, SECP256K1_N - 1);
        scorePpm = uint32(bound(scorePpm, 0, 1_000_000));
        reward = bound(reward, 0, CAP);
        address signer = vm.addr(privateKey);
        if (!ledger.isParticipant(signer)) {
            vm.prank(admin);
            ledger.registerParticipant(signer, bytes32(0));
        }
        if (!ledger.hasConsent(RUN, signer, 1)) {
            vm.prank(signer);
            ledger.giveConsent(RUN);
        }
        // Any micro-epsilon a contributor reports is stored as it is.
        uint32 epsilonMicros = uint32(uint256(updateHash) >> 224);
        FedChainLedger.Contribution memory c = FedChainLedger.Contribution({
            contributor: signer,
            updateHash: updateHash,
            numSamples: numSamples,
            scorePpm: scorePpm,
            reward: reward,
            epsilonMicros: epsilonMicros,
            signature: signCommitment(privateKey, RUN, 1, INITIAL_MODEL, updateHash, numSamples, epsilonMicros)
        });
        vm.prank(coordinator);
        ledger.commitRound(RUN, 1, INITIAL_MODEL, modelHash(1), metrics, _one(c));

        (bytes32 h, uint64 n, uint32 s, uint256 r, uint32 e) = ledger.contributionOf(RUN, 1, signer);
        assertEq(e, epsilonMicros, "epsilon");
        assertEq(h, updateHash, "update hash");
        assertEq(n, numSamples, "samples");
        assertEq(s, scorePpm, "score");
        assertEq(r, reward, "reward");
        (,, bytes32 m, uint32 count, uint256 total,) = ledger.roundOf(RUN, 1);
        assertEq(m, metrics, "metrics");
        assertEq(count, 1, "count");
        assertEq(total, reward, "total");
        assertEq(token.balanceOf(signer), reward, "balance");
    }

    function testFuzz_CommitRound_TamperedSignatureByte_RevertsInvalidSignature(uint256 index, uint8 mask) public {
        index = bound(index, 0, 64);
        mask = uint8(bound(mask, 1, 255));
        FedChainLedger.Contribution memory c = contribution(3, RUN, 1, INITIAL_MODEL, 1);
        c.signature[index] = c.signature[index] ^ bytes1(mask);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidSignature.selector, participant(3)));
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), _one(c));
    }

    function testFuzz_CommitRound_SignatureOverOtherFields_RevertsInvalidSignature(
        bytes32 signedRun,
        uint64 signedRound,
        bytes32 signedBase,
        bytes32 signedUpdate,
        uint64 signedSamples,
        uint32 signedEpsilonMicros
    ) public {
        FedChainLedger.Contribution memory c = contribution(4, RUN, 1, INITIAL_MODEL, 1);
        vm.assume(
            signedRun != RUN || signedRound != 1 || signedBase != INITIAL_MODEL || signedUpdate != c.updateHash
                || signedSamples != c.numSamples || signedEpsilonMicros != c.epsilonMicros
        );
        c.signature =
            signCommitment(key(4), signedRun, signedRound, signedBase, signedUpdate, signedSamples, signedEpsilonMicros);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidSignature.selector, participant(4)));
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), _one(c));
    }

    function testFuzz_CommitRound_RewardsAgainstCap_AcceptedIffWithinCap(uint256 cap, uint256[4] memory rewards)
        public
    {
        cap = bound(cap, 0, type(uint128).max);
        vm.prank(coordinator);
        ledger.createRun(FUZZ_RUN, SPEC, keccak256("fuzz-init"), cap);
        consentAll(FUZZ_RUN);
        FedChainLedger.Contribution[] memory cs = contributions(0, 4, FUZZ_RUN, 1, keccak256("fuzz-init"), 0);
        uint256 total;
        bool overflow;
        for (uint256 i; i < 4; ++i) {
            // Half the cases stay near the cap, so both outcomes are common.
            rewards[i] = rewards[i] % 2 == 0 ? bound(rewards[i], 0, cap / 3 + 1) : rewards[i];
            cs[i].reward = rewards[i];
            unchecked {
                uint256 sum = total + rewards[i];
                if (sum < total) overflow = true;
                total = sum;
            }
        }
        if (overflow) total = type(uint256).max;
        bool accepted = total <= cap;
        if (!accepted) {
            vm.expectRevert(abi.encodeWithSelector(FedChainLedger.RewardCapExceeded.selector, cap, total));
        }
        commit(FUZZ_RUN, 1, keccak256("fuzz-init"), keccak256("fuzz-1"), cs);
        assertEq(token.totalSupply(), accepted ? total : 0, "supply");
        assertEq(ledger.lastRound(FUZZ_RUN), accepted ? 1 : 0, "round");
        if (accepted) {
            for (uint256 i; i < 4; ++i) {
                assertEq(token.balanceOf(participant(i)), rewards[i], "balance");
            }
        }
    }

    function testFuzz_CommitRound_RoundNumber_AcceptedOnlyAsNext(uint8 committed, uint64 round) public {
        uint64 done = uint64(bound(committed, 0, 3));
        commitRounds(done, 1);
        bytes32 base = done == 0 ? INITIAL_MODEL : modelHash(done);
        FedChainLedger.Contribution[] memory cs = contributions(0, 1, RUN, round, base, 1);
        if (round != done + 1) {
            vm.expectRevert(abi.encodeWithSelector(FedChainLedger.RoundOutOfOrder.selector, RUN, done + 1, round));
        }
        commit(RUN, round, base, keccak256(abi.encode("next", round)), cs);
        assertEq(ledger.lastRound(RUN), round == done + 1 ? done + 1 : done, "last round");
    }

    function testFuzz_CommitRound_AnySubsetInAnyOrder_RecordsInSubmittedOrder(uint256 seed, uint8 size) public {
        uint256 count = bound(size, 1, 20);
        // A seeded Fisher-Yates shuffle of the participants; the first `count` contribute.
        uint256[] memory order = new uint256[](PARTICIPANTS);
        for (uint256 i; i < PARTICIPANTS; ++i) {
            order[i] = i;
        }
        for (uint256 i = PARTICIPANTS - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](count);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            cs[i] =
                contribution(order[i], RUN, 1, INITIAL_MODEL, uint256(keccak256(abi.encode(seed, "r", i))) % 1 ether);
            total += cs[i].reward;
        }
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        address[] memory who = ledger.contributorsOf(RUN, 1);
        assertEq(who.length, count, "count");
        for (uint256 i; i < count; ++i) {
            assertEq(who[i], cs[i].contributor, "submitted order");
            (bytes32 h, uint64 n, uint32 s, uint256 r,) = ledger.contributionOf(RUN, 1, cs[i].contributor);
            assertEq(h, cs[i].updateHash, "update hash");
            assertEq(n, cs[i].numSamples, "samples");
            assertEq(s, cs[i].scorePpm, "score");
            assertEq(r, cs[i].reward, "reward");
        }
        (,,,, uint256 recorded,) = ledger.roundOf(RUN, 1);
        assertEq(recorded, total, "total");
        assertEq(token.totalSupply(), total, "supply");
    }

    function testFuzz_CommitRound_Score_AcceptedIffAtMostOneMillion(uint32 scorePpm) public {
        FedChainLedger.Contribution memory c = contribution(0, RUN, 1, INITIAL_MODEL, 1);
        c.scorePpm = scorePpm;
        if (scorePpm > 1_000_000) {
            vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ScoreOutOfRange.selector, participant(0), scorePpm));
        }
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), _one(c));
        assertEq(ledger.lastRound(RUN), scorePpm > 1_000_000 ? 0 : 1, "round");
    }

    function testFuzz_HashUpdateCommitment_MatchesIndependentDigest(
        bytes32 runId,
        uint64 round,
        bytes32 base,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 epsilonMicros
    ) public view {
        assertEq(
            ledger.hashUpdateCommitment(runId, round, base, updateHash, numSamples, epsilonMicros),
            commitmentDigest(runId, round, base, updateHash, numSamples, epsilonMicros),
            "digest"
        );
    }
}
