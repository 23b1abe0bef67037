#!/usr/bin/env bash
# Accuracy against privacy (docs/privacy.md): the same simulated run (MNIST, 3 IID workers, seed, rounds) without DP
# and with client-side DP at ε = 8, 3, 1 (δ = 1e-5, clip 1, noise calibrated to spend ε over the rounds).
# A benchmark, not a test: it prints one JSON line per setting and a Markdown table at the end.
#   tests/scripts/privacy_table.sh [ROUNDS] [MODEL]   (default: 10 mlp); run it with `nice -n 19`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds="${1:-10}"
model="${2:-mlp}"
dll=src/FedChain.Cli/bin/Release/net10.0/fedchain.dll
[ -f "$dll" ] || dotnet build src/FedChain.Cli/FedChain.Cli.csproj -c Release -warnaserror >/dev/null
out="$(mktemp -d)"
rows=()
for eps in 0 8 3 1; do
  args=(simulate --no-chain --workers 3 --rounds "$rounds" --model "$model" --seed 1 --engine native --json "$out/eps-$eps.json")
  [ "$eps" = 0 ] || args+=(--dp-epsilon "$eps" --dp-delta 1e-5 --dp-clip 1)
  dotnet "$dll" "${args[@]}" >"$out/eps-$eps.log" 2>&1 || { echo "simulate failed for ε = $eps; see $out/eps-$eps.log" >&2; exit 1; }
  rows+=("$(python3 - "$out/eps-$eps.json" "$eps" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
rounds = summary["rounds"]
last = rounds[-1]
print(json.dumps({"epsilon": None if sys.argv[2] == "0" else float(sys.argv[2]), "delta": 1e-5, "rounds": len(rounds),
                  "test_accuracy": last["accuracy"], "best_accuracy": max(r["accuracy"] for r in rounds)}))
PY
)")
  echo "${rows[-1]}"
done
echo
echo "| ε (δ = 1e-5) | rounds | final test accuracy | best test accuracy |"
echo "|---|---|---|---|"
for row in "${rows[@]}"; do
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("| %s | %d | %.2f%% | %.2f%% |" % ("no DP" if r["epsilon"] is None else "%g" % r["epsilon"], r["rounds"], 100*r["test_accuracy"], 100*r["best_accuracy"]))' "$row"
done
