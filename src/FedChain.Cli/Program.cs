// The operator and contributor console. Until the console issue lands it only says what exists.
Console.WriteLine("fedchain: the console commands (simulate, run, participants, rewards, verify) are not built yet.");
Console.WriteLine("What exists: the solution, the contract toolchain (contracts/), and the test suite (./test.sh).");
return 0;
