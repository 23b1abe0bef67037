// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {LedgerFixture} from "./utils/LedgerFixture.sol";
import {FedChainLedger} from "../src/FedChainLedger.sol";

contract FedChainLedgerTest is LedgerFixture {
    function test_CommitRound_ThreeContributors_RecordsEverything() public {
        FedChainLedger.Contribution[] memory cs = contributions(0, 3, RUN, 1, INITIAL_MODEL, 2 ether);
        commit(RUN, 1, INITIAL_MODEL, modelHash(1), cs);
        assertEq(ledger.lastRound(RUN), 1, "last round");
        (bytes32 base, bytes32 next,, uint32 count, uint256 total,) = ledger.roundOf(RUN, 1);
        assertEq(base, INITIAL_MODEL, "base");
        assertEq(next, modelHash(1), "new");
        assertEq(count, 3, "count");
        assertEq(total, 6 ether, "total");
        address[] memory who = ledger.contributorsOf(RUN, 1);
        assertEq(who.length, 3, "contributors");
        for (uint256 i; i < 3; ++i) {
            assertEq(who[i], participant(i), "contributor");
            (bytes32 h, uint64 n, uint32 s, uint256 rw) = ledger.contributionOf(RUN, 1, participant(i));
            assertEq(h, cs[i].updateHash, "update hash");
            assertEq(n, cs[i].numSamples, "samples");
            assertEq(s, cs[i].scorePpm, "score");
            assertEq(rw, 2 ether, "reward");
            assertEq(token.balanceOf(participant(i)), 2 ether, "balance");
        }
    }
}
