"""Golden values for Intervals.welchDifference and studentTQuantile: scipy's Welch t interval.

Run from this folder: python3 make_welch_golden.py  (writes welch_golden.json; scipy 1.17.1 made the
committed file). Each case is two samples; the expected values are scipy.stats.ttest_ind(a, b,
equal_var=False).confidence_interval(0.95) and the difference of the means.
"""
import json

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261202)
cases = [
    {"name": "small-by-hand", "a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 2.5, 9.0]},
    {"name": "spend-like-zero-inflated",
     "a": [round(float(v), 2) if rng.random() < 0.3 else 0.0 for v in rng.gamma(2.0, 40.0, 200)],
     "b": [round(float(v), 2) if rng.random() < 0.2 else 0.0 for v in rng.gamma(2.0, 40.0, 60)]},
    {"name": "unequal-variances", "a": [float(v) for v in rng.normal(10, 1, 15)],
     "b": [float(v) for v in rng.normal(12, 6, 40)]},
    {"name": "two-each", "a": [0.0, 10.0], "b": [5.0, 5.5]},
]
for case in cases:
    result = stats.ttest_ind(case["a"], case["b"], equal_var=False)
    ci = result.confidence_interval(0.95)
    case["estimate"] = float(np.mean(case["a"]) - np.mean(case["b"]))
    case["low"] = float(ci.low)
    case["high"] = float(ci.high)
    case["df"] = float(result.df)
quantiles = [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))}
             for p, df in [(0.975, 1), (0.975, 2.5), (0.975, 10), (0.975, 57.3), (0.975, 1e4), (0.9, 3), (0.5, 7)]]
with open("welch_golden.json", "w") as f:
    json.dump({"cases": cases, "quantiles": quantiles}, f, indent=1)
