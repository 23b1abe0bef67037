#!/usr/bin/env bash
# Compiles the contracts with the pinned toolchain and refreshes (or, with --check,
# verifies) the artifacts embedded by src/FedChain.Ledger.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x node_modules/.bin/forge ] || npm ci --no-audit --no-fund
node_modules/.bin/forge build --offline --use ./tools/solc >/dev/null
node tools/artifacts.js "$@"
