// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TestBase} from "./Vm.sol";
import {FedChainLedger} from "../../src/FedChainLedger.sol";
import {FedChainToken} from "../../src/FedChainToken.sol";

/// @notice A deployed ledger with registered participants, a run, and helpers that sign
/// commitments exactly as a participant's client would (EIP-712 hashed independently here).
abstract contract LedgerFixture is TestBase {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant COMMITMENT_TYPEHASH = keccak256(
        "UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples,uint32 epsilonMicros)"
    );
    bytes32 internal constant CONSENT_TYPEHASH = keccak256("RunConsent(bytes32 runId,bytes32 specHash)");
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant RUN = keccak256("run-1");
    bytes32 internal constant SPEC = keccak256("spec-1");
    bytes32 internal constant INITIAL_MODEL = keccak256("model-0");
    uint256 internal constant CAP = 1_000 ether;
    uint256 internal constant PARTICIPANTS = 60;
    uint256 internal constant FIRST_KEY = 0xA000;

    FedChainLedger internal ledger;
    FedChainToken internal token;
    address internal admin = address(0xAD);
    address internal coordinator = address(0xC0);
    address internal stranger = address(0x5742);

    function setUp() public virtual {
        ledger = new FedChainLedger(admin, coordinator);
        token = ledger.token();
        vm.startPrank(admin);
        for (uint256 i; i < PARTICIPANTS; ++i) {
            ledger.registerParticipant(participant(i), keccak256(abi.encode("hospital", i)));
        }
        vm.stopPrank();
        vm.prank(coordinator);
        ledger.createRun(RUN, SPEC, INITIAL_MODEL, CAP);
        consentAll(RUN);
    }

    /// @dev Every registered participant consents to `runId` (sent by each participant itself).
    function consentAll(bytes32 runId) internal {
        for (uint256 i; i < PARTICIPANTS; ++i) {
            vm.prank(participant(i));
            ledger.giveConsent(runId);
        }
    }

    function consentDigest(bytes32 runId, bytes32 specHash) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(CONSENT_TYPEHASH, runId, specHash));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function signConsent(uint256 privateKey, bytes32 runId, bytes32 specHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, consentDigest(runId, specHash));
        return abi.encodePacked(r, s, v);
    }

    function key(uint256 i) internal pure returns (uint256) {
        return FIRST_KEY + i;
    }

    function participant(uint256 i) internal pure returns (address) {
        return vm.addr(key(i));
    }

    function modelHash(uint64 round) internal pure returns (bytes32) {
        return keccak256(abi.encode("model", round));
    }

    function domainSeparator() internal view returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256("FedChain"), keccak256("1"), block.chainid, address(ledger))
            );
    }

    function commitmentDigest(
        bytes32 runId,
        uint64 round,
        bytes32 base,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 epsilonMicros
    ) internal view returns (bytes32) {
        bytes32 structHash =
            keccak256(abi.encode(COMMITMENT_TYPEHASH, runId, round, base, updateHash, numSamples, epsilonMicros));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function signCommitment(
        uint256 privateKey,
        bytes32 runId,
        uint64 round,
        bytes32 base,
        bytes32 updateHash,
        uint64 numSamples,
        uint32 epsilonMicros
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(privateKey, commitmentDigest(runId, round, base, updateHash, numSamples, epsilonMicros));
        return abi.encodePacked(r, s, v);
    }

    function contribution(uint256 i, bytes32 runId, uint64 round, bytes32 base, uint256 reward)
        internal
        view
        returns (FedChainLedger.Contribution memory c)
    {
        c.contributor = participant(i);
        c.updateHash = keccak256(abi.encode("update", runId, round, i));
        // forge-lint: disable-next-line(unsafe-typecast)
        c.numSamples = uint64(100 + i); // i < PARTICIPANTS
        // forge-lint: disable-next-line(unsafe-typecast)
        c.scorePpm = uint32(10_000 + i); // i < PARTICIPANTS
        c.reward = reward;
        // forge-lint: disable-next-line(unsafe-typecast)
        c.epsilonMicros = uint32(250_000 + i); // i < PARTICIPANTS
        c.signature = signCommitment(key(i), runId, round, base, c.updateHash, c.numSamples, c.epsilonMicros);
    }

    /// @dev Contributions of participants first..first+count-1, each rewarded `reward`.
    function contributions(uint256 first, uint256 count, bytes32 runId, uint64 round, bytes32 base, uint256 reward)
        internal
        view
        returns (FedChainLedger.Contribution[] memory cs)
    {
        cs = new FedChainLedger.Contribution[](count);
        for (uint256 i; i < count; ++i) {
            cs[i] = contribution(first + i, runId, round, base, reward);
        }
    }

    function commit(bytes32 runId, uint64 round, bytes32 base, bytes32 next, FedChainLedger.Contribution[] memory cs)
        internal
    {
        vm.prank(coordinator);
        ledger.commitRound(runId, round, base, next, keccak256(abi.encode("metrics", round)), cs);
    }

    function baseOf(uint64 round) internal pure returns (bytes32) {
        return round == 1 ? INITIAL_MODEL : modelHash(round - 1);
    }

    /// @dev Commits rounds 1..rounds of RUN with `count` contributors each, 1 ether reward each.
    function commitRounds(uint64 rounds, uint256 count) internal {
        for (uint64 r = 1; r <= rounds; ++r) {
            commit(RUN, r, baseOf(r), modelHash(r), contributions(0, count, RUN, r, baseOf(r), 1 ether));
        }
    }
}
