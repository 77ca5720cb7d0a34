#!/usr/bin/env bash
# Out-of-time back-tests: train as of T on data up to T, then `evaluate --as-of T` on the 90 days after it
# (which the models never saw), on the sample data (T = 2024-10-02, all four inputs) and on the real UCI
# Online Retail file (T = 2011-09-10). Prints one line per target: the kept model's ROC AUC, the
# baseline's, and of the 200 calls on the list how many had the outcome against random calls.
# Run from the repository root after `swift build -c release`; LOYALTY=path runs another build (e.g. an
# earlier commit's) for a before/after comparison.
set -euo pipefail
LOYALTY=${LOYALTY:-.build/release/loyalty}
OUT=${OUT:-bench/.data/backtest}
D=notebooks-data
OR=${ORDERS:-../shared/datasets/online-retail.csv.gz}
mkdir -p "$OUT"
run() {  # name, as-of, inputs...
    local name=$1 asof=$2; shift 2
    "$LOYALTY" train "$@" --as-of "$asof" --horizon 90d --models "$OUT/$name-models" --quiet > /dev/null
    "$LOYALTY" evaluate "$@" --as-of "$asof" --models "$OUT/$name-models" --json --quiet > "$OUT/$name.json"
    python3 - "$name" "$OUT/$name.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
for r in json.load(open(path))["results"]:
    line = f"{name:14} {r['target']:16} {r['model']['model']:9} ROC AUC {r['model']['rocAUC']:.4f}  baseline {r['baseline']['rocAUC']:.4f}"
    c = r.get("callList")  # absent in builds before evaluate's call-list measures (LOYALTY=an older binary)
    if c:
        line += (f"  of {c['calls']} calls {c['modelHits']['value']:.0f} had the outcome "
                 f"(random {c['randomHits']['value']:.1f}, baseline {c['baselineHits']['value']:.0f})")
    print(line)
PY
}
run sample 2024-10-02 --orders $D/orders.csv --customers $D/customers.csv --events $D/events.csv --surveys $D/surveys.csv
run online-retail 2011-09-10 --orders "$OR"
