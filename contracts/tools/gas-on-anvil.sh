#!/usr/bin/env bash
# Real transaction gas of commitRound for 1, 10 and 50 contributors (new, then returning), read
# from anvil's receipts (21k base + calldata + execution, anvil's default hardfork).
#   contracts/tools/gas-on-anvil.sh [port]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${1:-18645}"
[ -x node_modules/.bin/forge ] || npm ci --no-audit --no-fund
node_modules/.bin/anvil --port "$port" --silent &
anvil_pid=$!
trap 'kill "$anvil_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  node_modules/.bin/cast chain-id --rpc-url "http://127.0.0.1:$port" >/dev/null 2>&1 && break
  sleep 0.2
done
# anvil's well-known first dev key: a local throwaway chain, never a real account.
FEDCHAIN_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 \
  node_modules/.bin/forge script script/GasOnAnvil.s.sol --offline --use ./tools/solc \
  --rpc-url "http://127.0.0.1:$port" --broadcast --slow >/dev/null
node -e '
const j = require(process.argv[1]);
const receipts = Object.fromEntries(j.receipts.map(r => [r.transactionHash, r]));
const commits = j.transactions.filter(t => (t.function || "").startsWith("commitRound"));
const sizes = [1, 1, 10, 10, 50, 50];
const gas = commits.map(t => parseInt(receipts[t.hash].gasUsed));
commits.forEach((t, i) => console.log(`commitRound, ${sizes[i]} ${i % 2 ? "returning" : "new"} contributor(s): ${gas[i]} gas`));
console.log(`marginal per contributor, new (1->50): ${Math.round((gas[4] - gas[0]) / 49)}`);
console.log(`marginal per contributor, new (10->50): ${Math.round((gas[4] - gas[2]) / 40)}`);
console.log(`marginal per contributor, returning (1->50): ${Math.round((gas[5] - gas[1]) / 49)}`);
' "$PWD/broadcast/GasOnAnvil.s.sol/31337/run-latest.json"
