// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

/// @notice Consent to a run: given by the participant or relayed with its EIP-712 RunConsent
/// signature, withdrawn for later rounds, and required for every contribution.
contract FedChainLedgerConsentTest is LedgerFixture {
    bytes32 internal constant FRESH_RUN = keccak256("run-consent");
    bytes32 internal constant FRESH_SPEC = keccak256("spec-consent");
    bytes32 internal constant FRESH_INITIAL = keccak256("initial-consent");

    function setUp() public override {
        super.setUp();
        vm.prank(coordinator);
        ledger.createRun(FRESH_RUN, FRESH_SPEC, FRESH_INITIAL, CAP);
    }

    function _one(FedChainLedger.Contribution memory c) private pure returns (FedChainLedger.Contribution[] memory cs) {
        cs = new FedChainLedger.Contribution[](1);
        cs[0] = c;
    }

    function _freshBase(uint64 round) private pure returns (bytes32) {
        return round == 1 ? FRESH_INITIAL : keccak256(abi.encode("fresh", round - 1));
    }

    function _commitFresh(uint64 round, FedChainLedger.Contribution[] memory cs) private {
        commit(FRESH_RUN, round, _freshBase(round), keccak256(abi.encode("fresh", round)), cs);
    }

    function _fresh(uint256 i, uint64 round) private view returns (FedChainLedger.Contribution memory) {
        return contribution(i, FRESH_RUN, round, _freshBase(round), 1 ether);
    }

    function test_CommitRound_WithoutConsent_RevertsNoConsentEvenFromTheCoordinator() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NoConsent.selector, FRESH_RUN, uint64(1), participant(0)));
        _commitFresh(1, _one(_fresh(0, 1)));
        assertEq(ledger.lastRound(FRESH_RUN), 0, "nothing recorded");
    }

    function test_CommitRound_OneContributorWithoutConsent_RevertsNamingIt() public {
        vm.prank(participant(0));
        ledger.giveConsent(FRESH_RUN);
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](2);
        cs[0] = _fresh(0, 1);
        cs[1] = _fresh(1, 1);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NoConsent.selector, FRESH_RUN, uint64(1), participant(1)));
        _commitFresh(1, cs);
    }

    function test_GiveConsent_ByTheParticipant_CountsFromTheNextRound() public {
        vm.expectEmit(true, true, true, true, address(ledger));
        emit FedChainLedger.ConsentGiven(FRESH_RUN, participant(0), FRESH_SPEC, 1);
        vm.prank(participant(0));
        ledger.giveConsent(FRESH_RUN);
        (uint64 fromRound, uint64 untilRound) = ledger.consentOf(FRESH_RUN, participant(0));
        assertEq(fromRound, 1, "from round 1");
        assertEq(untilRound, 0, "not withdrawn");
        assertTrue(ledger.hasConsent(FRESH_RUN, participant(0), 1), "round 1");
        assertTrue(ledger.hasConsent(FRESH_RUN, participant(0), 1000), "later rounds");
        _commitFresh(1, _one(_fresh(0, 1)));
        assertEq(ledger.lastRound(FRESH_RUN), 1, "committed");
    }

    function test_GiveConsentBySig_RelayedByAStranger_IsRecorded() public {
        bytes memory signature = signConsent(key(3), FRESH_RUN, FRESH_SPEC);
        assertEq(ledger.hashRunConsent(FRESH_RUN, FRESH_SPEC), consentDigest(FRESH_RUN, FRESH_SPEC), "digest");
        vm.prank(stranger);
        ledger.giveConsentBySig(FRESH_RUN, participant(3), signature);
        assertTrue(ledger.hasConsent(FRESH_RUN, participant(3), 1), "consented");
        _commitFresh(1, _one(_fresh(3, 1)));
    }

    function test_WithdrawConsent_HonouredFromTheNextRound() public {
        vm.prank(participant(0));
        ledger.giveConsent(FRESH_RUN);
        vm.prank(participant(1));
        ledger.giveConsent(FRESH_RUN);
        FedChainLedger.Contribution[] memory both = new FedChainLedger.Contribution[](2);
        both[0] = _fresh(0, 1);
        both[1] = _fresh(1, 1);
        _commitFresh(1, both);

        vm.expectEmit(true, true, true, true, address(ledger));
        emit FedChainLedger.ConsentWithdrawn(FRESH_RUN, participant(1), 2);
        vm.prank(participant(1));
        ledger.withdrawConsent(FRESH_RUN);
        (uint64 fromRound, uint64 untilRound) = ledger.consentOf(FRESH_RUN, participant(1));
        assertEq(fromRound, 1, "from round 1");
        assertEq(untilRound, 2, "stops at round 2");
        assertTrue(ledger.hasConsent(FRESH_RUN, participant(1), 1), "round 1 still covered");
        assertFalse(ledger.hasConsent(FRESH_RUN, participant(1), 2), "round 2 not");

        both[0] = _fresh(0, 2);
        both[1] = _fresh(1, 2);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NoConsent.selector, FRESH_RUN, uint64(2), participant(1)));
        _commitFresh(2, both);
        _commitFresh(2, _one(_fresh(0, 2)));
        (bytes32 kept,,,,) = ledger.contributionOf(FRESH_RUN, 1, participant(1));
        assertEq(kept, _fresh(1, 1).updateHash, "round 1 record kept");
    }

    function test_GiveConsentBySig_AfterWithdrawal_RevertsConsentWithdrawnBefore() public {
        bytes memory signature = signConsent(key(2), FRESH_RUN, FRESH_SPEC);
        ledger.giveConsentBySig(FRESH_RUN, participant(2), signature);
        vm.prank(participant(2));
        ledger.withdrawConsent(FRESH_RUN);
        vm.expectRevert(
            abi.encodeWithSelector(FedChainLedger.ConsentWithdrawnBefore.selector, FRESH_RUN, participant(2))
        );
        ledger.giveConsentBySig(FRESH_RUN, participant(2), signature);
        // The participant itself may consent again; it counts from the next round on.
        vm.prank(participant(2));
        ledger.giveConsent(FRESH_RUN);
        assertTrue(ledger.hasConsent(FRESH_RUN, participant(2), 1), "given again");
    }

    function test_GiveConsentBySig_ForAnotherRun_RevertsInvalidConsentSignature() public {
        bytes memory signature = signConsent(key(0), RUN, SPEC);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), signature);
    }

    function test_GiveConsentBySig_ForAnotherSpec_RevertsInvalidConsentSignature() public {
        bytes memory signature = signConsent(key(0), FRESH_RUN, keccak256("a spec never created"));
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), signature);
    }

    function test_GiveConsentBySig_SignedForAnotherChain_RevertsInvalidConsentSignature() public {
        uint256 here = block.chainid;
        vm.chainId(here + 1);
        bytes memory signature = signConsent(key(0), FRESH_RUN, FRESH_SPEC);
        vm.chainId(here);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), signature);
    }

    function test_GiveConsentBySig_ForAnotherLedger_RevertsInvalidConsentSignature() public {
        FedChainLedger other = new FedChainLedger(admin, coordinator);
        vm.prank(admin);
        other.registerParticipant(participant(0), bytes32(0));
        vm.prank(coordinator);
        other.createRun(FRESH_RUN, FRESH_SPEC, FRESH_INITIAL, CAP);
        bytes memory signature = signConsent(key(0), FRESH_RUN, FRESH_SPEC); // this fixture's ledger
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        other.giveConsentBySig(FRESH_RUN, participant(0), signature);
    }

    function test_GiveConsentBySig_ByAnotherKey_RevertsInvalidConsentSignature() public {
        bytes memory signature = signConsent(key(1), FRESH_RUN, FRESH_SPEC);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), signature);
        assertFalse(ledger.hasConsent(FRESH_RUN, participant(0), 1), "nothing recorded");
    }

    function test_GiveConsentBySig_Malformed_RevertsInvalidConsentSignature() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), hex"1234");
    }

    function test_GiveConsentBySig_HighS_RevertsInvalidConsentSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key(0), consentDigest(FRESH_RUN, FRESH_SPEC));
        bytes memory twin = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(0)));
        ledger.giveConsentBySig(FRESH_RUN, participant(0), twin);
    }

    function test_GiveConsent_UnknownRun_RevertsUnknownRun() public {
        bytes32 unknown = keccak256("no such run");
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, unknown));
        vm.prank(participant(0));
        ledger.giveConsent(unknown);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.UnknownRun.selector, unknown));
        ledger.giveConsentBySig(unknown, participant(0), signConsent(key(0), unknown, FRESH_SPEC));
    }

    function test_GiveConsent_ByANonParticipant_RevertsNotAParticipant() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NotAParticipant.selector, stranger));
        vm.prank(stranger);
        ledger.giveConsent(FRESH_RUN);
    }

    function test_GiveConsent_Twice_RevertsConsentAlreadyGiven() public {
        vm.prank(participant(0));
        ledger.giveConsent(FRESH_RUN);
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.ConsentAlreadyGiven.selector, FRESH_RUN, participant(0)));
        vm.prank(participant(0));
        ledger.giveConsent(FRESH_RUN);
    }

    function test_WithdrawConsent_WithoutConsent_RevertsNoConsentToWithdraw() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NoConsentToWithdraw.selector, FRESH_RUN, participant(0)));
        vm.prank(participant(0));
        ledger.withdrawConsent(FRESH_RUN);
    }

    /// @dev Whatever key signs and whatever run and spec it names, a relayed consent is recorded
    /// only for the key's own account and the run's own spec.
    function testFuzz_GiveConsentBySig_RecordedIffTheParticipantSignedThisRunsSpec(
        uint256 signerIndex,
        uint256 claimedIndex,
        bool otherRun,
        bool otherSpec
    ) public {
        signerIndex = bound(signerIndex, 0, PARTICIPANTS - 1);
        claimedIndex = bound(claimedIndex, 0, PARTICIPANTS - 1);
        bytes32 signedRun = otherRun ? RUN : FRESH_RUN;
        bytes32 signedSpec = otherSpec ? keccak256("other spec") : FRESH_SPEC;
        bytes memory signature = signConsent(key(signerIndex), signedRun, signedSpec);
        bool valid = signerIndex == claimedIndex && !otherRun && !otherSpec;
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(FedChainLedger.InvalidConsentSignature.selector, participant(claimedIndex))
            );
        }
        ledger.giveConsentBySig(FRESH_RUN, participant(claimedIndex), signature);
        assertEq(ledger.hasConsent(FRESH_RUN, participant(claimedIndex), 1), valid, "recorded iff valid");
    }

    /// @dev Consent given after `given` committed rounds and withdrawn after `withdrawn` covers
    /// exactly rounds given+1 .. withdrawn: the contract takes the contribution then and refuses it otherwise.
    function testFuzz_Consent_CoversExactlyTheRoundsBetweenGivingAndWithdrawing(uint8 givenAt, uint8 span) public {
        uint64 given = uint64(bound(givenAt, 0, 4));
        uint64 withdrawn = given + uint64(bound(span, 0, 4));
        vm.prank(participant(9));
        ledger.giveConsent(FRESH_RUN);
        for (uint64 done; done <= withdrawn; ++done) {
            if (done == given) {
                vm.prank(participant(10));
                ledger.giveConsent(FRESH_RUN);
            }
            if (done == withdrawn) {
                vm.prank(participant(10));
                ledger.withdrawConsent(FRESH_RUN);
            }
            uint64 r = done + 1;
            bool expected = r > given && r <= withdrawn;
            assertEq(ledger.hasConsent(FRESH_RUN, participant(10), r), expected, "coverage");
            FedChainLedger.Contribution[] memory both = new FedChainLedger.Contribution[](2);
            both[0] = _fresh(9, r);
            both[1] = _fresh(10, r);
            if (expected) {
                _commitFresh(r, both);
            } else {
                vm.expectRevert(abi.encodeWithSelector(FedChainLedger.NoConsent.selector, FRESH_RUN, r, participant(10)));
                _commitFresh(r, both);
                _commitFresh(r, _one(both[0]));
            }
        }
    }
}
