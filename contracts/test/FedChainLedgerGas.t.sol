// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

/// @notice Gas of commitRound for 1, 10 and 50 contributors, for new contributors (their token
/// balance goes from zero to non-zero, the worst case) and for returning ones (the next round,
/// same contributors). "Execution" is gasleft() around the call; "transaction" adds the calldata
/// cost a real transaction pays (EIP-2028). Run with -vv to see the figures.
contract FedChainLedgerGasTest is LedgerFixture {
    // Was 60,000 before consent and epsilon: the consent check (one cold SLOAD, 2,100 gas), the
    // 4 record bytes of epsilon and its event and calldata word add about 4.5k per contributor.
    uint256 internal constant MARGINAL_LIMIT = 62_000;

    struct Measurement {
        uint256 execution;
        uint256 calldataGas;
    }

    /// @dev Transaction calldata cost: 16 gas per non-zero byte, 4 per zero byte.
    function _calldataGas(bytes memory data) private pure returns (uint256 cost) {
        for (uint256 i; i < data.length; ++i) {
            cost += data[i] == 0 ? 4 : 16;
        }
    }

    function _measure(uint64 round, bytes32 base, bytes32 next, uint256 count) private returns (Measurement memory m) {
        FedChainLedger.Contribution[] memory cs = contributions(0, count, RUN, round, base, 1 ether);
        bytes32 metrics = keccak256("metrics");
        m.calldataGas = _calldataGas(abi.encodeCall(FedChainLedger.commitRound, (RUN, round, base, next, metrics, cs)));
        // As if each commit were its own transaction: nothing warm from setUp or an earlier round.
        vm.cool(address(ledger));
        vm.cool(address(token));
        vm.prank(coordinator);
        uint256 before = gasleft();
        ledger.commitRound(RUN, round, base, next, metrics, cs);
        m.execution = before - gasleft();
    }

    /// @dev Round 1 (new contributors) then round 2 (the same contributors, returning).
    function _rounds(uint256 count) private returns (Measurement memory first, Measurement memory repeat) {
        uint256 snapshot = vm.snapshotState();
        first = _measure(1, INITIAL_MODEL, modelHash(1), count);
        repeat = _measure(2, modelHash(1), modelHash(2), count);
        vm.revertToState(snapshot);
    }

    function test_Gas_CommitRound_1_10_50_Contributors() public {
        (Measurement memory new1, Measurement memory ret1) = _rounds(1);
        (Measurement memory new10, Measurement memory ret10) = _rounds(10);
        (Measurement memory new50, Measurement memory ret50) = _rounds(50);

        emit log_named_uint("execution gas, 1 new contributor", new1.execution);
        emit log_named_uint("execution gas, 10 new contributors", new10.execution);
        emit log_named_uint("execution gas, 50 new contributors", new50.execution);
        emit log_named_uint("execution gas, 1 returning contributor", ret1.execution);
        emit log_named_uint("execution gas, 10 returning contributors", ret10.execution);
        emit log_named_uint("execution gas, 50 returning contributors", ret50.execution);
        emit log_named_uint("calldata gas, 1 contributor", new1.calldataGas);
        emit log_named_uint("calldata gas, 10 contributors", new10.calldataGas);
        emit log_named_uint("calldata gas, 50 contributors", new50.calldataGas);
        emit log_named_uint(
            "transaction gas (21000 + calldata + execution), 1 new", 21_000 + new1.calldataGas + new1.execution
        );
        emit log_named_uint(
            "transaction gas (21000 + calldata + execution), 10 new", 21_000 + new10.calldataGas + new10.execution
        );
        emit log_named_uint(
            "transaction gas (21000 + calldata + execution), 50 new", 21_000 + new50.calldataGas + new50.execution
        );

        uint256 marginalNew = (new50.execution - new1.execution) / 49;
        uint256 marginalReturning = (ret50.execution - ret1.execution) / 49;
        uint256 marginalCalldata = (new50.calldataGas - new1.calldataGas) / 49;
        emit log_named_uint("marginal execution gas per contributor, new (1->50)", marginalNew);
        emit log_named_uint(
            "marginal execution gas per contributor, new (10->50)", (new50.execution - new10.execution) / 40
        );
        emit log_named_uint("marginal execution gas per contributor, returning (1->50)", marginalReturning);
        emit log_named_uint("marginal calldata gas per contributor", marginalCalldata);
        emit log_named_uint("marginal transaction gas per contributor, new", marginalNew + marginalCalldata);
        emit log_named_uint("marginal transaction gas per contributor, returning", marginalReturning + marginalCalldata);

        assertLe(marginalNew + marginalCalldata, MARGINAL_LIMIT, "marginal transaction gas per new contributor");
        assertLe(marginalReturning + marginalCalldata, MARGINAL_LIMIT, "marginal transaction gas per returning one");
    }

    function test_Gas_FullRoundOfNewContributors_FitsTheEip7825TransactionCap() public {
        uint256 max = ledger.MAX_CONTRIBUTORS_PER_ROUND();
        vm.startPrank(admin);
        for (uint256 i = PARTICIPANTS; i < max; ++i) {
            ledger.registerParticipant(participant(i), bytes32(i));
        }
        vm.stopPrank();
        for (uint256 i = PARTICIPANTS; i < max; ++i) {
            vm.prank(participant(i));
            ledger.giveConsent(RUN);
        }
        FedChainLedger.Contribution[] memory cs = new FedChainLedger.Contribution[](max);
        for (uint256 i; i < max; ++i) {
            cs[i] = contribution(i, RUN, 1, INITIAL_MODEL, 1 ether);
        }
        bytes32 metrics = keccak256("metrics");
        uint256 calldataGas = _calldataGas(
            abi.encodeCall(FedChainLedger.commitRound, (RUN, 1, INITIAL_MODEL, modelHash(1), metrics, cs))
        );
        vm.cool(address(ledger));
        vm.cool(address(token));
        vm.prank(coordinator);
        uint256 before = gasleft();
        ledger.commitRound(RUN, 1, INITIAL_MODEL, modelHash(1), metrics, cs);
        uint256 transactionGas = 21_000 + calldataGas + before - gasleft();
        emit log_named_uint("transaction gas, 256 new contributors", transactionGas);
        assertLe(transactionGas, 1 << 24, "a full round fits one transaction under EIP-7825");
    }
}
