#!/usr/bin/env python3
"""bench/logistic: `loyalty ml fit --algorithm logistic` beside a scikit-learn pipeline, in one run.

Generates churn-like tables (skewed counts, log-normal amounts, recency days, ratios; 5-20% missing in
some columns) of 100k x 40 and 1M x 40 (train) plus a holdout of the same size, then times, each as a
whole process (reading the CSV included):
  loyalty   loyalty ml fit --data train.csv --label churned --l2 1 --out model.json
  sklearn   pandas.read_csv + Pipeline(SimpleImputer(median, add_indicator), StandardScaler,
            LogisticRegression(lbfgs, C=1)).fit, pickled (holdout scoring is not timed)
loyalty runs twice: with --no-log-transform (the same pipeline as scikit-learn's) and with its default
transforms (log1p on skewed non-negative columns).
and compares holdout log loss and AUC (loyalty's probabilities from `loyalty ml predict`).
Goal (issue "ML core I"): loyalty's fit time at most 0.3x scikit-learn's, at equal holdout log loss (±0.001).

Usage: python3 bench/logistic/run.py [--sizes 100000,1000000] [--repeat 1]
"""
import argparse
import json
import datetime
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "bench", ".data", "logistic")
sys.path.insert(0, os.path.join(ROOT, "bench", "ingest"))
from run import machine, timed  # noqa: E402


def make_table(rows, seed):
    rng = np.random.default_rng(seed)
    columns = {}
    latent = rng.normal(0, 1, rows)
    for j in range(10):
        columns[f"orders_{j}"] = rng.poisson(np.exp(0.5 + 0.4 * latent + rng.normal(0, 0.5, rows)))
    for j in range(10):
        columns[f"amount_{j}"] = np.round(np.exp(7 + 0.5 * latent + rng.normal(0, 1, rows)), 2)
    for j in range(8):
        columns[f"recency_{j}"] = np.round(rng.exponential(60 * np.exp(-0.5 * latent)), 0)
    for j in range(8):
        columns[f"ratio_{j}"] = np.round(rng.beta(2, 5, rows) + 0.05 * latent, 4)
    for j in range(4):
        columns[f"noise_{j}"] = np.round(rng.normal(0, 1, rows), 4)
    logit = (-1.2 - 0.8 * latent + 0.004 * columns["recency_0"] - 0.1 * np.log1p(columns["orders_0"])
             + 0.5 * (columns["ratio_0"] - 0.3))
    churned = (rng.uniform(0, 1, rows) < 1 / (1 + np.exp(-logit))).astype(int)
    names = list(columns)
    matrix = np.column_stack([columns[name].astype(float) for name in names])
    for j, share in zip([0, 10, 20, 28, 5], [0.05, 0.1, 0.2, 0.15, 0.08]):
        matrix[rng.uniform(0, 1, rows) < share, j] = np.nan
    return names, matrix, churned


def write_csv(path, names, matrix, labels):
    import pandas as pd
    frame = pd.DataFrame(matrix, columns=names)
    frame["churned"] = labels
    frame.to_csv(path, index=False, na_rep="")


SKLEARN_FIT = """
import sys, pickle, pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
train = pd.read_csv(sys.argv[1]); y = train.pop("churned").to_numpy()
model = make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(),
                      LogisticRegression(C=1.0, max_iter=1000))
model.fit(train.to_numpy(), y)
pickle.dump(model, open(sys.argv[2], "wb"))
"""

SKLEARN_EVALUATE = """
import sys, json, pickle, pandas as pd
from sklearn.metrics import log_loss, roc_auc_score
model = pickle.load(open(sys.argv[1], "rb"))
holdout = pd.read_csv(sys.argv[2]); y = holdout.pop("churned").to_numpy()
p = model.predict_proba(holdout.to_numpy())[:, 1]
print(json.dumps({"logLoss": log_loss(y, p), "auc": roc_auc_score(y, p)}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    args = parser.parse_args()
    try:
        import pandas  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pandas", "scikit-learn"])
    if not os.path.exists(args.loyalty):
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT)
    os.makedirs(DATA, exist_ok=True)
    from sklearn.metrics import log_loss, roc_auc_score
    import pandas as pd

    lines = [f"Machine: {machine()}", f"Date: {datetime.date.today().isoformat()}", "",
             "| table | tool | fit wall s (whole process) | peak MB | holdout log loss | holdout AUC | loyalty ÷ sklearn time |",
             "|---|---|---|---|---|---|---|"]
    for size in [int(s) for s in args.sizes.split(",")]:
        train, holdout = os.path.join(DATA, f"train-{size}.csv"), os.path.join(DATA, f"holdout-{size}.csv")
        if not os.path.exists(holdout):
            names, matrix, labels = make_table(2 * size, seed=size)
            write_csv(train, names, matrix[:size], labels[:size])
            write_csv(holdout, names, matrix[size:], labels[size:])
        label = f"{size:,} × 40"
        y = pd.read_csv(holdout, usecols=["churned"])["churned"].to_numpy()
        with tempfile.TemporaryDirectory() as work:
            pickled = os.path.join(work, "model.pkl")
            runs = [timed([sys.executable, "-c", SKLEARN_FIT, train, pickled]) for _ in range(args.repeat)]
            theirs_seconds, theirs_mb, _ = min(runs, key=lambda run: run[0])
            theirs = json.loads(subprocess.check_output([sys.executable, "-c", SKLEARN_EVALUATE, pickled, holdout]))
            for variant, extra in [("loyalty ml fit (same pipeline: --no-log-transform)", ["--no-log-transform"]),
                                   ("loyalty ml fit (default: log1p on skewed columns)", [])]:
                model = os.path.join(work, "model.json")
                runs = [timed([args.loyalty, "ml", "fit", "--data", train, "--label", "churned", "--l2", "1",
                               "--out", model] + extra) for _ in range(args.repeat)]
                ours_seconds, ours_mb, _ = min(runs, key=lambda run: run[0])
                predictions = os.path.join(work, "p.csv")
                subprocess.check_call([args.loyalty, "ml", "predict", "--model", model, "--data", holdout,
                                       "--out", predictions], stderr=subprocess.DEVNULL)
                p = pd.read_csv(predictions)["probability"].to_numpy()
                lines.append(f"| {label} | {variant} | {ours_seconds:.2f} | {ours_mb:,.0f} | {log_loss(y, p):.5f} | "
                             f"{roc_auc_score(y, p):.5f} | {ours_seconds / theirs_seconds:.2f}× |")
                print(lines[-1], file=sys.stderr)
        lines.append(f"| {label} | scikit-learn pipeline (read + fit) | {theirs_seconds:.2f} | {theirs_mb:,.0f} | "
                     f"{theirs['logLoss']:.5f} | {theirs['auc']:.5f} | |")
        print(lines[-1], file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
