// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FedChain contribution token
/// @notice ERC-20 reward for contributions to federated rounds (18 decimals).
/// @dev The FedChainLedger deploys this token in its own constructor, so the deployer, and thus
/// the only minter, is the ledger for the token's whole life: there is no owner, no role and no
/// setter, so nobody (not even the ledger's admin) can mint outside a committed round.
contract FedChainToken is ERC20 {
    /// @notice The ledger that deployed this token: the only account allowed to mint.
    address public immutable ledger;

    /// @notice A caller other than the ledger tried to mint.
    error NotLedger(address caller);
    /// @notice The account and amount arrays of a mint differ in length.
    error LengthMismatch(uint256 accounts, uint256 amounts);

    constructor() ERC20("FedChain Contribution", "FEDC") {
        ledger = msg.sender;
    }

    /// @notice Mints `amounts[i]` to `accounts[i]`; zero amounts are skipped. Ledger only.
    /// @dev One call per round instead of one per contributor saves the ledger ~2k gas each.
    function mintBatch(address[] calldata accounts, uint256[] calldata amounts) external {
        if (msg.sender != ledger) revert NotLedger(msg.sender);
        if (accounts.length != amounts.length) revert LengthMismatch(accounts.length, amounts.length);
        for (uint256 i; i < accounts.length; ++i) {
            if (amounts[i] != 0) _mint(accounts[i], amounts[i]);
        }
    }
}
