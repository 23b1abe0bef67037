#!/usr/bin/env bash
# Runs every FedChain test on this machine, from a clean clone:
#   1. installs what the tests need (pinned npm toolchain, MNIST, rabbitmq-server, docker-compose, jupyter),
#   2. checks the compose file and the freshness of the embedded contract artifacts,
#   3. builds with warnings as errors, runs the Foundry tests and every .NET test project
#      (integration tests start their own RabbitMQ and anvil on free loopback ports and stop them),
#   4. runs a short simulation and executes notebooks/ on its JSON summary (one test),
#   5. ends with one line "N passed, N failed, N skipped" and a non-zero exit on any failure.
# Usage: ./test.sh [extra `dotnet test` arguments, e.g. --filter "Category!=Slow"]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=tests/scripts/prerequisites.sh
source tests/scripts/prerequisites.sh

results="$(mktemp -d "${TMPDIR:-/tmp}/fedchain-test-XXXXXX")"
export FEDCHAIN_TEST_RUN_TAG="run$$"
cleanup() {
  # Fixtures stop their services; this only catches what a crashed test host left behind.
  pkill -f "fedchain-${FEDCHAIN_TEST_RUN_TAG}-" 2>/dev/null || true
  pkill -f "$root/contracts/node_modules/.*anvil" 2>/dev/null || true
}
trap cleanup EXIT

failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }
step() { printf '\n== %s ==\n' "$*"; }

step "prerequisites"
ensure_prerequisites || { echo "FAILED: prerequisites could not be installed (see above)"; echo "0 passed, 1 failed"; exit 1; }

step "compose file"
docker-compose -f compose/docker-compose.yml config -q && echo "compose/docker-compose.yml is valid" || fail "docker-compose config rejected compose/docker-compose.yml"

step "contract artifacts"
contracts/tools/build.sh --check || fail "embedded contract artifacts are stale (run contracts/tools/build.sh)"

step "build (warnings are errors)"
if ! dotnet build FedChain.sln -c Release -warnaserror -nologo -clp:ErrorsOnly; then
  fail "dotnet build"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0
step "forge tests"
forge_log="$results/forge.log"
(cd contracts && node_modules/.bin/forge test --offline --use ./tools/solc) 2>&1 | tee "$forge_log"
forge_summary=$(grep -E 'tests? passed, [0-9]+ failed, [0-9]+ skipped' "$forge_log" | tail -n 1)
if [ -z "$forge_summary" ]; then
  fail "forge test printed no summary"
  failed=$((failed + 1))
else
  read -r fp ff fs < <(echo "$forge_summary" | sed -E 's/.* ([0-9]+) tests? passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/')
  passed=$((passed + fp)); failed=$((failed + ff)); skipped=$((skipped + fs))
fi

step ".NET tests"
dotnet test FedChain.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/trx" "$@"
dotnet_exit=$?
trx_count=0
for trx in "$results"/trx/*.trx; do
  [ -e "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
  # An aborted test host (crash, missing assembly) reports no failed test: count the run itself.
  # A crashed test host leaves an unfinished run with no failed test: count the run itself.
  if ! grep -q '<ResultSummary outcome="Completed"' "$trx" && [ "$(get failed)" -eq 0 ]; then
    fail "a test run did not complete: $trx"
  fi
done
[ "$dotnet_exit" -eq 0 ] || [ "$failed" -gt 0 ] || [ "$failures" -gt 0 ] || fail "dotnet test exited with $dotnet_exit"
[ "$trx_count" -gt 0 ] || { fail "dotnet test produced no results"; failed=$((failed + 1)); }

step "notebook"
# A fresh short simulation (local anvil, in-memory bus), then the analysis notebook on its summary,
# headless: the notebook cannot rot unnoticed. Counted as one test.
summary="$results/summary.json"
notebook_log="$results/notebook.log"
if ! dotnet run --no-build -c Release --project src/FedChain.Cli -- simulate --rounds 2 --workers 3 --json "$summary" >"$notebook_log" 2>&1; then
  tail -n 20 "$notebook_log"
  fail "notebook: the simulation for the notebook failed (log: $notebook_log)"
  failed=$((failed + 1))
elif ! FEDCHAIN_SUMMARY="$summary" FEDCHAIN_NOTEBOOK_OUT="$results/notebook" \
    /usr/bin/jupyter-nbconvert --to notebook --execute notebooks/fedchain_run_analysis.ipynb \
    --output-dir "$results" --output notebook-executed.ipynb >>"$notebook_log" 2>&1; then
  tail -n 30 "$notebook_log"
  fail "notebook: notebooks/fedchain_run_analysis.ipynb failed on $summary (log: $notebook_log)"
  failed=$((failed + 1))
else
  echo "notebooks/fedchain_run_analysis.ipynb executed on a fresh simulation; figures in $results/notebook"
  passed=$((passed + 1))
fi

echo
[ "$failures" -eq 0 ] || echo "$failures check(s) failed before or around the tests (see FAILED lines above)"
# A skipped test hides work that did not happen: it fails the run like a failed one.
[ "$skipped" -eq 0 ] || echo "$skipped test(s) were skipped; skipped tests count as failures here"
echo "$passed passed, $((failed + failures)) failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$failures" -eq 0 ] && [ "$skipped" -eq 0 ]
