// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Vm} from "../test/utils/Vm.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

/// @notice Deploys the ledger (which deploys its token) in one transaction.
///   FEDCHAIN_ADMIN=0x... [FEDCHAIN_COORDINATOR=0x...] node_modules/.bin/forge script script/Deploy.s.sol \
///     --offline --use ./tools/solc --rpc-url http://127.0.0.1:8545 --private-key <deployer key> --broadcast
/// FEDCHAIN_COORDINATOR defaults to the admin; the deployer key need hold no role.
contract Deploy {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function run() external returns (FedChainLedger ledger) {
        address admin = vm.envAddress("FEDCHAIN_ADMIN");
        address coordinator = vm.envOr("FEDCHAIN_COORDINATOR", admin);
        vm.startBroadcast();
        ledger = new FedChainLedger(admin, coordinator);
        vm.stopBroadcast();
    }
}
