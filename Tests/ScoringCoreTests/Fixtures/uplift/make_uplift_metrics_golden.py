"""Golden values for ScoringCore.UpliftMetrics: scikit-uplift's own metrics on a committed table.

Run from this folder: python3 make_uplift_metrics_golden.py  (scikit-uplift 0.5.1 made the committed
files). Writes uplift_fixture.csv (y, treatment, uplift: 600 rows, the uplift rounded to 2 decimals so
that ties occur, and a second score with many ties) and uplift_metrics_golden.json.
"""
import json

import numpy as np
from sklift.metrics import qini_auc_score, uplift_at_k, uplift_auc_score

rng = np.random.default_rng(20261202)
n = 600
x = rng.normal(size=n)
treatment = (rng.random(n) < 0.4).astype(int)
true_effect = 0.15 * (x > 0) - 0.05 * (x < -1)
p = 0.2 + 0.1 * np.tanh(x) + treatment * true_effect
y = (rng.random(n) < p).astype(int)
uplift = np.round(true_effect + rng.normal(scale=0.1, size=n), 2)
coarse = np.round(uplift * 5) / 5  # few distinct values: large groups of ties

with open("uplift_fixture.csv", "w") as f:
    f.write("y,treatment,uplift,coarse\n")
    for row in zip(y, treatment, uplift, coarse):
        f.write(f"{int(row[0])},{int(row[1])},{float(row[2])!r},{float(row[3])!r}\n")

golden = {}
for name, score in [("uplift", uplift), ("coarse", coarse)]:
    golden[name] = {
        "qini_auc_score": float(qini_auc_score(y, score, treatment)),
        "qini_auc_score_no_negative": float(qini_auc_score(y, score, treatment, negative_effect=False)),
        "uplift_auc_score": float(uplift_auc_score(y, score, treatment)),
        "uplift_at_k": {str(k): {"overall": float(uplift_at_k(y, score, treatment, strategy="overall", k=k)),
                                 "by_group": float(uplift_at_k(y, score, treatment, strategy="by_group", k=k))}
                        for k in (0.1, 0.2, 0.3)},
    }
with open("uplift_metrics_golden.json", "w") as f:
    json.dump(golden, f, indent=1, sort_keys=True)
