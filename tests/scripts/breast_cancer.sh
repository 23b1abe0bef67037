#!/usr/bin/env bash
# The Wisconsin Diagnostic Breast Cancer data (569 patients, 30 features, benign or malignant) as a
# FedChain task: fetched from Debian's python3-sklearn package without installing it (apt-get
# download + dpkg-deb -x), given a header (sklearn's own 30 feature names, read from the package),
# and split deterministically into 3 non-IID hospitals plus the aggregator's validation and test sets.
#
#   tests/scripts/breast_cancer.sh [OUT_DIR]     (default: <repo>/.data/breast-cancer)
#
# Writes OUT_DIR/{breast_cancer.csv, hospital-1.csv, hospital-2.csv, hospital-3.csv, validation.csv,
# test.csv, task.json}; task.json is tests/tasks/breast-cancer/task.json. Runs again only when the
# script, the task or the package's file changed (a stamp). Prints OUT_DIR on success.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$repo/.data/breast-cancer}"
task="$repo/tests/tasks/breast-cancer/task.json"
mkdir -p "$out"

stamp_of() { cat "$here/breast_cancer.sh" "$task" "$1" | sha256sum | cut -d' ' -f1; }
if [ -f "$out/.stamp" ] && [ -f "$out/.source.csv" ] && [ "$(cat "$out/.stamp")" = "$(stamp_of "$out/.source.csv")" ]; then
  echo "$out"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download python3-sklearn >/dev/null 2>"$work/apt.log"); }
# A fresh machine may have no package lists yet: refresh them once (as root) and try again.
download || { [ "$(id -u)" -eq 0 ] && apt-get update -qq >/dev/null 2>&1 && download; } || {
  echo "apt-get download python3-sklearn failed: $(tail -1 "$work/apt.log")" >&2; exit 1; }
dpkg-deb -x "$work"/python3-sklearn_*.deb "$work/pkg"
sklearn="$work/pkg/usr/lib/python3/dist-packages/sklearn"
[ -f "$sklearn/datasets/data/breast_cancer.csv" ] || { echo "python3-sklearn holds no datasets/data/breast_cancer.csv" >&2; exit 1; }
# Written into a staging folder beside OUT_DIR and moved in file by file (rename is atomic), so two
# test processes preparing the data at once never read a half-written file.
stage="$(mktemp -d "$out/.staging.XXXXXX")"
trap 'rm -rf "$work" "$stage"' EXIT
cp "$sklearn/datasets/data/breast_cancer.csv" "$stage/.source.csv"

/usr/bin/python3 - "$sklearn" "$stage" <<'PY'
import ast, csv, hashlib, sys
sklearn, out = sys.argv[1], sys.argv[2]

# The feature names exactly as sklearn's load_breast_cancer declares them (datasets/_base.py).
tree = ast.parse(open(f"{sklearn}/datasets/_base.py").read())
loader = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "load_breast_cancer")
names = next(ast.literal_eval(a.value.args[0]) for a in ast.walk(loader)
             if isinstance(a, ast.Assign) and getattr(a.targets[0], "id", None) == "feature_names")

with open(f"{out}/.source.csv", newline="") as f:
    rows = list(csv.reader(f))
count, features, *classes = rows[0]          # "569,30,malignant,benign": a count header, not names
count, features = int(count), int(features)
body = rows[1:]
assert len(names) == features == 30, (len(names), features)
assert len(body) == count, (len(body), count)
assert all(len(r) == features + 1 for r in body)
header = names + ["diagnosis"]
table = [r[:features] + [classes[int(r[features])]] for r in body]

def write(name, part):
    with open(f"{out}/{name}", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(part)

write("breast_cancer.csv", table)

# A fixed pseudo-random order (SHA-256 of the row index): no RNG whose algorithm could change.
def order(i):
    return hashlib.sha256(f"fedchain-wdbc:{i}".encode()).hexdigest()

by_class = {c: sorted((i for i, r in enumerate(table) if r[-1] == c), key=order) for c in classes}
test, validation, hospitals = [], [], [[], [], []]
# Non-IID: hospital 1 sees mostly malignant cases (a referral centre), hospital 3 mostly benign (screening).
shares = {"malignant": [0.60, 0.30, 0.10], "benign": [0.15, 0.35, 0.50]}
for c, rows_of_class in by_class.items():
    n = len(rows_of_class)
    n_test, n_validation = round(n * 0.20), round(n * 0.10)
    test += rows_of_class[:n_test]
    validation += rows_of_class[n_test:n_test + n_validation]
    rest = rows_of_class[n_test + n_validation:]
    cut1 = round(len(rest) * shares[c][0])
    cut2 = cut1 + round(len(rest) * shares[c][1])
    for h, part in enumerate([rest[:cut1], rest[cut1:cut2], rest[cut2:]]):
        hospitals[h] += part

for name, part in [("test.csv", test), ("validation.csv", validation)] + [(f"hospital-{h + 1}.csv", p) for h, p in enumerate(hospitals)]:
    write(name, [table[i] for i in sorted(part, key=order)])
    assert part
assert sorted(test + validation + sum(hospitals, [])) == list(range(count))
PY

cp "$task" "$stage/task.json"
stamp_of "$stage/.source.csv" > "$stage/.stamp"
for file in .source.csv breast_cancer.csv hospital-1.csv hospital-2.csv hospital-3.csv validation.csv test.csv task.json .stamp; do
  mv -f "$stage/$file" "$out/$file"
done
echo "$out"
