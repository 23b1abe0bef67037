// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Vm} from "../test/utils/Vm.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

/// @notice Broadcasts a realistic session to a node (anvil) so that real transaction gas can be
/// read from the receipts: deploy, register 50 participants, create a run, then commit rounds
/// with 1, 10 and 50 new contributors and again with the same 1, 10 and 50 (returning).
///   FEDCHAIN_KEY=<anvil key 0> node_modules/.bin/forge script script/GasOnAnvil.s.sol --offline \
///     --use ./tools/solc --rpc-url http://127.0.0.1:8545 --broadcast --slow
/// Participant keys are fixed test keys (0xA000 + i), used only to sign commitments.
contract GasOnAnvil {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant FIRST_KEY = 0xA000;

    function run() external {
        uint256 operatorKey = vm.envUint("FEDCHAIN_KEY");
        address operator = vm.addr(operatorKey);
        vm.startBroadcast(operatorKey);
        FedChainLedger ledger = new FedChainLedger(operator, operator);
        for (uint256 i; i < 61; ++i) {
            ledger.registerParticipant(vm.addr(FIRST_KEY + i), bytes32(i));
        }
        _session(ledger, 0, 0, 1);
        _session(ledger, 1, 1, 10);
        _session(ledger, 2, 11, 50);
        vm.stopBroadcast();
    }

    /// @dev Run k: round 1 with `count` new contributors (first..first+count-1), round 2 with the same.
    function _session(FedChainLedger ledger, uint256 k, uint256 first, uint256 count) private {
        bytes32 runId = keccak256(abi.encode("gas-run", k));
        bytes32 base = keccak256(abi.encode("gas-initial", k));
        ledger.createRun(runId, keccak256("spec"), base, 1_000 ether);
        for (uint64 round = 1; round <= 2; ++round) {
            bytes32 next = keccak256(abi.encode("gas-model", k, round));
            FedChainLedger.Contribution[] memory cs = _contributions(ledger, runId, round, base, first, count);
            ledger.commitRound(runId, round, base, next, keccak256("metrics"), cs);
            base = next;
        }
    }

    function _contributions(
        FedChainLedger ledger,
        bytes32 runId,
        uint64 round,
        bytes32 base,
        uint256 first,
        uint256 count
    ) private view returns (FedChainLedger.Contribution[] memory cs) {
        cs = new FedChainLedger.Contribution[](count);
        for (uint256 i; i < count; ++i) {
            FedChainLedger.Contribution memory c = cs[i];
            c.contributor = vm.addr(FIRST_KEY + first + i);
            c.updateHash = keccak256(abi.encode("update", runId, round, i));
            c.numSamples = 600;
            c.scorePpm = 20_000;
            c.reward = 1 ether;
            c.epsilonMicros = 250_000;
            c.signature = _sign(
                FIRST_KEY + first + i, ledger.hashUpdateCommitment(runId, round, base, c.updateHash, 600, 250_000)
            );
        }
    }

    function _sign(uint256 key, bytes32 digest) private pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}
