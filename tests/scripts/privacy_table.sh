#!/usr/bin/env bash
# Accuracy against privacy (docs/privacy.md): the same simulated run (3 workers, seed, rounds) without DP and with
# client-side DP at ε = 8, 3, 1 (δ = 1e-5, clip 1, noise calibrated to spend ε over the rounds). MODEL is an MNIST
# model (mlp, cnn, logreg; 3 IID workers, native engine) or "breast-cancer" (the task of tests/tasks/breast-cancer, its
# 3 hospitals from tests/scripts/breast_cancer.sh, the task's own training settings, torch engine as in its tests).
# A benchmark, not a test: it prints one JSON line per setting and a Markdown table at the end. The run id is derived
# from the seed and the spec and every site's noise from its key and the run id, so two runs print identical rows
# (final model hash included); "zeroed site updates" counts the site-rounds whose diverged local training the site's
# DP policy sent as a zero delta, noised (docs/privacy.md).
#   tests/scripts/privacy_table.sh [ROUNDS] [MODEL]   (default: 10 mlp); run it with `nice -n 19`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds="${1:-10}"
model="${2:-mlp}"
# FEDCHAIN_DLL: a copy of the console's build to measure with, so that building the repository meanwhile changes nothing.
dll="${FEDCHAIN_DLL:-src/FedChain.Cli/bin/Release/net10.0/fedchain.dll}"
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
  NO_COLOR=1 COLUMNS=200 dotnet "$dll" "${args[@]}" >"$out/eps-$eps.log" 2>&1 || status=failed
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
# The workers' warnings the console relays: each diverged local training that the site's DP policy zeroed (the
# console may colour and wrap long lines, hence the escape stripping and whitespace folding).
log = open(sys.argv[4], encoding="utf-8", errors="replace").read()
log = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", log))
privacy = summary["config"].get("privacy")
print(json.dumps({"epsilon": epsilon, "delta": 1e-5, "noise_multiplier": privacy["NoiseMultiplier"] if privacy else None,
                  "rounds": len(rounds), "test_accuracy": last["accuracy"], "best_accuracy": max(r["accuracy"] for r in rounds),
                  "zeroed_updates": log.count("local training diverged"),
                  "site_updates": sum(len(r["participants"]) for r in rounds), "run_id": summary["config"]["runId"],
                  "final_model": last["modelHash"]}))
PY
)")
  echo "${rows[-1]}"
done
echo
echo "| ε (δ = 1e-5) | noise multiplier | rounds | final test accuracy | best test accuracy | zeroed site updates | final model |"
echo "|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
  python3 -c '
import json, sys
r = json.loads(sys.argv[1])
name = "no DP" if r["epsilon"] is None else "%g" % r["epsilon"]
noise = "—" if r.get("noise_multiplier") is None else "%.2f" % r["noise_multiplier"]
print("| %s | | %d committed, then failed | %s | %s | | |" % (name, len(r["committed_accuracy"]), " / ".join("%.2f%%" % (100 * x) for x in r["committed_accuracy"]) or "-", r["failed"]) if "failed" in r
      else "| %s | %s | %d | %.2f%% | %.2f%% | %d of %d | %s |" % (name, noise, r["rounds"], 100 * r["test_accuracy"], 100 * r["best_accuracy"],
                                                          r["zeroed_updates"], r["site_updates"], r["final_model"][:10] + "…"))' "$row"
done
