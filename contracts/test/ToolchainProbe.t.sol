// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {TestBase} from "./utils/Vm.sol";
import {ToolchainProbe} from "../src/ToolchainProbe.sol";

contract ToolchainProbeTest is TestBase {
    function test_SetValue_StoresIt() public {
        ToolchainProbe probe = new ToolchainProbe(7);
        assertEq(probe.value(), 7, "constructor value");
        probe.setValue(42);
        assertEq(probe.value(), 42, "updated value");
    }

    function testFuzz_SetValue_AnyValue(uint256 v) public {
        ToolchainProbe probe = new ToolchainProbe(0);
        probe.setValue(v);
        assertEq(probe.value(), v, "fuzzed value");
    }
}
