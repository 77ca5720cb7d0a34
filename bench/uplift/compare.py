#!/usr/bin/env python3
"""Uplift models side by side: loyalty's against scikit-uplift's, on the same randomized tables.

    python3 bench/uplift/compare.py [LOYALTY_BINARY] [ROWS] [SEED]

Makes a table with known individual effects (make_table.py: 70% train, 30% test), then fits on the train
part and scores the test part with
  - loyalty ml fit --algorithm uplift --uplift-method two-model | class-transformation (gbdt, 100 trees,
    31 leaves, learning rate 0.1, 20 rows per leaf), and ml predict;
  - scikit-uplift's TwoModels (method "vanilla") and ClassTransformation over LightGBM with the same
    parameters (scikit-uplift does not re-balance class transformation when the treated share is not one
    half; loyalty does);
and measures every ranking with scikit-uplift's own metrics (Qini coefficient, AUUC, uplift at 30%), and
the correlation of the predicted with the true effect. Whole-process wall time for loyalty (fit and
predict together), in-process fit + predict time for scikit-uplift.
"""
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
from lightgbm import LGBMClassifier  # noqa: E402
from sklift.metrics import qini_auc_score, uplift_at_k, uplift_auc_score  # noqa: E402
from sklift.models import ClassTransformation, TwoModels  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
loyalty = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../.build/release/loyalty")
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
folder = tempfile.mkdtemp(prefix="uplift-bench-")
prefix = os.path.join(folder, "campaign")
subprocess.run([sys.executable, os.path.join(here, "make_table.py"), str(rows), str(seed), prefix], check=True)
train, test = pd.read_csv(prefix + "-train.csv"), pd.read_csv(prefix + "-test.csv")
features = [f"x{i}" for i in range(10)]
y, w, truth = test["bought"].values, test["treated"].values, test["true_uplift"].values


def measure(name, uplift, seconds):
    return {"model": name, "qini": qini_auc_score(y, uplift, w), "auuc": uplift_auc_score(y, uplift, w),
            "uplift@30%": uplift_at_k(y, uplift, w, strategy="overall", k=0.3),
            "corr(true)": float(np.corrcoef(uplift, truth)[0, 1]), "seconds": seconds}


results = []
for method in ["two-model", "class-transformation", "x-learner"]:
    model, out = os.path.join(folder, f"{method}.json"), os.path.join(folder, f"{method}.csv")
    start = time.perf_counter()
    subprocess.run([loyalty, "ml", "fit", "--data", prefix + "-train.csv", "--label", "bought", "--algorithm", "uplift",
                    "--treatment-column", "treated", "--uplift-method", method, "--trees", "100", "--leaves", "31",
                    "--learning-rate", "0.1", "--min-data-in-leaf", "20", "--threads", "2", "--out", model],
                   check=True, capture_output=True)
    subprocess.run([loyalty, "ml", "predict", "--model", model, "--data", prefix + "-test.csv", "--out", out, "--threads", "2"],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    results.append(measure(f"loyalty {method}", pd.read_csv(out)["uplift"].values, seconds))


def lgbm():
    return LGBMClassifier(n_estimators=100, num_leaves=31, learning_rate=0.1, min_child_samples=20, n_jobs=2, verbose=-1,
                          random_state=0)


for name, estimator in [("scikit-uplift TwoModels", TwoModels(estimator_trmnt=lgbm(), estimator_ctrl=lgbm(), method="vanilla")),
                        ("scikit-uplift ClassTransformation", ClassTransformation(estimator=lgbm()))]:
    start = time.perf_counter()
    estimator.fit(train[features], train["bought"], train["treated"])
    uplift = estimator.predict(test[features])
    results.append(measure(name, np.asarray(uplift), time.perf_counter() - start))

print(f"{rows:,} rows ({len(train):,} train, {len(test):,} test), treated share {train['treated'].mean():.3f}, seed {seed}")
print(f"{'model':38s} {'Qini':>8s} {'AUUC':>8s} {'uplift@30%':>11s} {'corr(true)':>11s} {'seconds':>8s}")
for r in results:
    print(f"{r['model']:38s} {r['qini']:8.4f} {r['auuc']:8.4f} {r['uplift@30%']:11.4f} {r['corr(true)']:11.4f} {r['seconds']:8.2f}")
