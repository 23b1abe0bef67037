#!/usr/bin/env bash
# Accuracy against privacy (docs/privacy.md): the same simulated run (3 workers, seed, rounds) without DP and with
# client-side DP at ε = 8, 3, 1 (δ = 1e-5, clip 1, noise calibrated to spend ε over the rounds). MODEL is an MNIST
# model (mlp, cnn, logreg; 3 IID workers, native engine) or "breast-cancer" (the task of tests/tasks/breast-cancer, its
# 3 hospitals from tests/scripts/breast_cancer.sh, the task's own training settings, torch engine as in its tests).
# A benchmark, not a test: it prints one JSON line per setting and a Markdown table at the end.
#   tests/scripts/privacy_table.sh [ROUNDS] [MODEL]   (default: 10 mlp); run it with `nice -n 19`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds="${1:-10}"
model="${2:-mlp}"
dll=src/FedChain.Cli/bin/Release/net10.0/fedchain.dll
[ -f "$dll" ] || dotnet build src/FedChain.Cli/FedChain.Cli.csproj -c Release -warnaserror >/dev/null
if [ "$model" = breast-cancer ]; then
  data="$(tests/scripts/breast_cancer.sh)"
  workload=(--task "$data/task.json" --site "$data/hospital-1.csv" --site "$data/hospital-2.csv" --site "$data/hospital-3.csv" --engine torch)
else
  workload=(--workers 3 --model "$model" --engine native)
fi
out="$(mktemp -d)"
rows=()
for eps in 0 8 3 1; do
  args=(simulate --no-chain "${workload[@]}" --rounds "$rounds" --seed 1 --json "$out/eps-$eps.json")
  [ "$eps" = 0 ] || args+=(--dp-epsilon "$eps" --dp-delta 1e-5 --dp-clip 1)
  # A run that fails (e.g. every site's local training diverged on a noise-swamped model) is a row too: its error.
  status=ok
  dotnet "$dll" "${args[@]}" >"$out/eps-$eps.log" 2>&1 || status=failed
  rows+=("$(python3 - "$out/eps-$eps.json" "$eps" "$status" "$out/eps-$eps.log" <<'PY'
import json, re, sys
epsilon = None if sys.argv[2] == "0" else float(sys.argv[2])
if sys.argv[3] != "ok":
    # The console's own last line ("error: ...") and the rounds its live table shows as committed.
    log = open(sys.argv[4], encoding="utf-8", errors="replace").read()
    errors = re.findall(r"error: (.*)", log)
    committed = {int(n): float(a) / 100 for n, a in re.findall(r"│ (\d+) +│ ([\d.]+) %", log)}
    print(json.dumps({"epsilon": epsilon, "delta": 1e-5, "failed": errors[-1].strip() if errors else "simulate failed",
                      "committed_accuracy": [committed[n] for n in sorted(committed)]}, ensure_ascii=False))
    sys.exit(0)
summary = json.load(open(sys.argv[1]))
rounds = summary["rounds"]
last = rounds[-1]
print(json.dumps({"epsilon": epsilon, "delta": 1e-5, "rounds": len(rounds),
                  "test_accuracy": last["accuracy"], "best_accuracy": max(r["accuracy"] for r in rounds)}))
PY
)")
  echo "${rows[-1]}"
done
echo
echo "| ε (δ = 1e-5) | rounds | final test accuracy | best test accuracy |"
echo "|---|---|---|---|"
for row in "${rows[@]}"; do
  python3 -c '
import json, sys
r = json.loads(sys.argv[1])
name = "no DP" if r["epsilon"] is None else "%g" % r["epsilon"]
print("| %s | %d committed, then failed | %s | %s |" % (name, len(r["committed_accuracy"]), " / ".join("%.2f%%" % (100 * x) for x in r["committed_accuracy"]) or "-", r["failed"]) if "failed" in r else "| %s | %d | %.2f%% | %.2f%% |" % (name, r["rounds"], 100 * r["test_accuracy"], 100 * r["best_accuracy"]))' "$row"
done
