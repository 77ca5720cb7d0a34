#!/usr/bin/env bash
# The weekly job on the real UCI Online Retail file (as of 2011-12-09, 90-day horizon, 100 calls, no
# customer file), then the independent checker on every row of the call list. Run from the repository
# root after `swift build -c release`; prints the checker's summary and exits with its code.
set -euo pipefail
LOYALTY=${LOYALTY:-.build/release/loyalty}
ORDERS=${ORDERS:-../shared/datasets/online-retail.csv.gz}
OUT=${OUT:-bench/.data/calllist-check}
mkdir -p "$OUT"
"$LOYALTY" train --orders "$ORDERS" --as-of 2011-12-09 --horizon 90d --models "$OUT/models" --quiet > /dev/null
"$LOYALTY" score --orders "$ORDERS" --as-of 2011-12-09 --models "$OUT/models" --out "$OUT/scores.csv" --quiet
"$LOYALTY" calllist --scores "$OUT/scores.csv" --capacity 100 --out "$OUT/calllist.csv" --quiet
"$LOYALTY" calllist --scores "$OUT/scores.csv" --capacity 100 --out "$OUT/calllist.json" --quiet
python3 bench/calllist-check/check.py --calllist "$OUT/calllist.csv" --scores "$OUT/scores.csv" --orders "$ORDERS" \
    --calllist-json "$OUT/calllist.json"
