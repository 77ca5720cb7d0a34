#!/usr/bin/env python3
"""Golden values for ScoringCore's probability calibration (Calibration.swift), from scikit-learn.

Writes calibration-golden.json beside this script: scores and labels of a miscalibrated model (its
log-odds twice too spread out and shifted), the unpenalized logistic regression of the label on
logit(p) (Platt scaling) and IsotonicRegression(out_of_bounds="clip") predictions at probe points.
Run from anywhere: python3 make_calibration_golden.py. The Swift tests need no Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261202)
n = 400
true_logit = rng.normal(-0.3, 1.2, n)
labels = (rng.uniform(size=n) < 1 / (1 + np.exp(-true_logit))).astype(float)
# The model's probabilities: over-confident (log-odds doubled) and shifted; rounded to 3 digits so ties occur.
scores = np.round(1 / (1 + np.exp(-(2 * true_logit + 0.4))), 3)
scores = np.clip(scores, 0.001, 0.999)
logit = np.log(scores / (1 - scores)).reshape(-1, 1)
platt = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10000).fit(logit, labels)
iso = IsotonicRegression(out_of_bounds="clip").fit(scores, labels)
probes = [0.0005, 0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.999, 0.9995]
golden = {
    "sklearn": sklearn.__version__,
    "scores": scores.tolist(),
    "labels": labels.tolist(),
    "plattSlope": float(platt.coef_[0][0]),
    "plattIntercept": float(platt.intercept_[0]),
    "probes": probes,
    "isotonic": iso.predict(np.array(probes)).tolist(),
}
with open(os.path.join(here, "calibration-golden.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
print(golden["plattSlope"], golden["plattIntercept"])
