// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {FedChainToken} from "../src/FedChainToken.sol";

contract FedChainTokenTest is LedgerFixture {
    function _pair(address a, address b) private pure returns (address[] memory accounts) {
        accounts = new address[](2);
        accounts[0] = a;
        accounts[1] = b;
    }

    function _amounts(uint256 a, uint256 b) private pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        amounts[0] = a;
        amounts[1] = b;
    }

    function test_Ledger_IsTheDeployer() public {
        FedChainToken own = new FedChainToken();
        assertEq(own.ledger(), address(this), "deployer is the minter");
        assertEq(token.ledger(), address(ledger), "the ledger's token");
    }

    function test_MintBatch_ByLedger_MintsEachAmountAndSkipsZero() public {
        FedChainToken own = new FedChainToken();
        vm.recordLogs();
        own.mintBatch(_pair(address(1), address(2)), _amounts(5, 0));
        assertEq(own.balanceOf(address(1)), 5, "minted");
        assertEq(own.balanceOf(address(2)), 0, "zero skipped");
        assertEq(own.totalSupply(), 5, "supply");
        assertEq(vm.getRecordedLogs().length, 1, "one Transfer, none for the zero amount");
    }

    function test_MintBatch_ByLedger_EmitsTransferFromZero() public {
        FedChainToken own = new FedChainToken();
        vm.expectEmit(true, true, false, true, address(own));
        emit IERC20.Transfer(address(0), address(7), 42);
        own.mintBatch(_pair(address(7), address(8)), _amounts(42, 0));
    }

    function test_MintBatch_NotLedger_RevertsNotLedger() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainToken.NotLedger.selector, stranger));
        vm.prank(stranger);
        token.mintBatch(_pair(stranger, stranger), _amounts(1, 1));
    }

    function test_MintBatch_LedgerAdminOrCoordinator_RevertsNotLedger() public {
        vm.expectRevert(abi.encodeWithSelector(FedChainToken.NotLedger.selector, admin));
        vm.prank(admin);
        token.mintBatch(_pair(admin, admin), _amounts(1, 1));
        vm.expectRevert(abi.encodeWithSelector(FedChainToken.NotLedger.selector, coordinator));
        vm.prank(coordinator);
        token.mintBatch(_pair(coordinator, coordinator), _amounts(1, 1));
    }

    function test_MintBatch_LengthMismatch_RevertsLengthMismatch() public {
        FedChainToken own = new FedChainToken();
        uint256[] memory one = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(FedChainToken.LengthMismatch.selector, uint256(2), uint256(1)));
        own.mintBatch(_pair(address(1), address(2)), one);
    }

    function test_MintBatch_ToZeroAddress_RevertsInvalidReceiver() public {
        FedChainToken own = new FedChainToken();
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        own.mintBatch(_pair(address(1), address(0)), _amounts(1, 1));
    }

    function test_Transfer_RewardedTokens_AreOrdinaryErc20() public {
        commitRounds(1, 1);
        vm.prank(participant(0));
        assertTrue(token.transfer(stranger, 0.25 ether), "transfer");
        assertEq(token.balanceOf(stranger), 0.25 ether, "received");
        assertEq(token.balanceOf(participant(0)), 0.75 ether, "remaining");
    }
}
