#!/usr/bin/env python3
"""Golden values for ScoringCore's logistic regression, transforms and metrics, from scikit-learn.

Writes logistic-fixture.csv (the table) and logistic-golden.json beside this script. Run from anywhere:
    python3 make_logistic_golden.py
The Swift tests read both files and need no Python.
Objective match: scikit-learn minimizes C·Σ wᵢ·loss + ½‖β‖², i.e. Σ wᵢ·loss + (1/C)/2·‖β‖²; loyalty's
--l2 is 1/C. With L1 (saga): Σ wᵢ·loss + (1/C)·‖β‖₁.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)
n = 300
x = np.column_stack([
    rng.normal(0, 1, n),
    rng.normal(2, 3, n),
    rng.exponential(1.5, n),
    rng.integers(0, 5, n).astype(float),
    rng.normal(0, 1, n),
])
x[:, 4] = 0.6 * x[:, 0] + 0.4 * x[:, 4]  # correlated columns
logit = -0.8 + 1.2 * x[:, 0] - 0.3 * x[:, 1] + 0.5 * x[:, 2] - 0.2 * x[:, 3]
y = (rng.uniform(0, 1, n) < 1 / (1 + np.exp(-logit))).astype(float)
w = rng.uniform(0.5, 2.0, n).round(3)
x = x.round(6)

with open(os.path.join(here, "logistic-fixture.csv"), "w") as out:
    out.write("x1,x2,x3,x4,x5,label,weight\n")
    for row, label, weight in zip(x, y, w):
        out.write(",".join(repr(float(v)) for v in row) + f",{int(label)},{float(weight)!r}\n")

def fit(**kwargs):
    sample_weight = kwargs.pop("sample_weight", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(tol=1e-12, max_iter=100000, **kwargs).fit(x, y, sample_weight=sample_weight)
    p = model.predict_proba(x)[:, 1]
    return {"coefficients": model.coef_[0].tolist(), "intercept": float(model.intercept_[0]), "probabilities": p.tolist()}

golden = {"sklearn": sklearn.__version__}
golden["l2_1"] = fit(C=1.0)
golden["l2_0.1"] = fit(C=10.0)
golden["l2_10"] = fit(C=0.1)
golden["balanced_l2_1"] = fit(C=1.0, class_weight="balanced")
golden["weighted_l2_1"] = fit(C=1.0, sample_weight=w)
golden["l1_2"] = fit(C=0.5, l1_ratio=1.0, solver="saga")

p = np.array(golden["l2_1"]["probabilities"])
tied = np.round(p, 1)
golden["metrics"] = {
    "rocAUC": roc_auc_score(y, p), "averagePrecision": average_precision_score(y, p),
    "logLoss": log_loss(y, p), "brierScore": brier_score_loss(y, p),
    "tiedRocAUC": roc_auc_score(y, tied), "tiedAveragePrecision": average_precision_score(y, tied),
}

# Transforms: median imputation with indicators, then standardization (no log1p: checked by hand).
xm = x.copy()
xm[rng.uniform(0, 1, n) < 0.1, 1] = np.nan
xm[rng.uniform(0, 1, n) < 0.2, 3] = np.nan
imputer = SimpleImputer(strategy="median", add_indicator=True)
scaled = StandardScaler().fit_transform(imputer.fit_transform(xm))
with open(os.path.join(here, "transform-fixture.csv"), "w") as out:
    out.write("x1,x2,x3,x4,x5\n")
    for row in xm:
        out.write(",".join("" if np.isnan(v) else repr(float(v)) for v in row) + "\n")
golden["transform"] = {"medians": imputer.statistics_.tolist(), "firstRows": scaled[:10].tolist(),
                       "columnMeans": scaled.mean(axis=0).tolist()}

with open(os.path.join(here, "logistic-golden.json"), "w") as out:
    json.dump(golden, out, indent=1, sort_keys=True)
    out.write("\n")
print({k: (v["coefficients"] if isinstance(v, dict) and "coefficients" in v else "") for k, v in golden.items()})
print(golden["metrics"])
