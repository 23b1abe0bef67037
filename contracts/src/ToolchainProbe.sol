// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice Proves the toolchain end to end (solc-js via forge, artifacts embedded in C#,
/// deployment on anvil) before the FedChain contracts exist.
contract ToolchainProbe {
    uint256 public value;

    event ValueSet(address indexed by, uint256 value);

    constructor(uint256 initial) {
        value = initial;
    }

    function setValue(uint256 newValue) external {
        value = newValue;
        emit ValueSet(msg.sender, newValue);
    }
}
