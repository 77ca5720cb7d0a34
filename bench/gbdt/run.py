#!/usr/bin/env python3
"""bench/gbdt: `loyalty ml fit --algorithm gbdt` beside LightGBM with the same parameters, in one run.

Tables: the churn-like 100k x 40 and 1M x 40 train/holdout files of bench/logistic (made by its script if
missing). Parameters: 200 trees, 31 leaves, learning rate 0.1, 255 bins, min 20 rows per leaf; both tools
with 2 threads. Each step is a whole process under /usr/bin/time:
  fit      loyalty ml fit ... --out model.json        | python: pandas.read_csv + LGBMClassifier.fit + save
  predict  loyalty ml predict ... --out p.csv         | python: load model + pandas.read_csv + predict + write CSV
Holdout AUC is computed from each tool's written probabilities.
Goal (issue "ML core II"): AUC within 0.002 of LightGBM, fit and predict faster than LightGBM.

Usage: python3 bench/gbdt/run.py [--sizes 100000,1000000]
"""
import argparse
import datetime
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "bench", ".data", "logistic")
sys.path.insert(0, os.path.join(ROOT, "bench", "ingest"))
from run import machine, timed  # noqa: E402

LGB_FIT = """
import sys, pandas as pd, lightgbm as lgb
train = pd.read_csv(sys.argv[1]); y = train.pop("churned")
model = lgb.LGBMClassifier(n_estimators=200, num_leaves=31, learning_rate=0.1, max_bin=255, min_child_samples=20,
                           n_jobs=2, verbose=-1)
model.fit(train, y)
model.booster_.save_model(sys.argv[2])
"""

LGB_PREDICT = """
import sys, pandas as pd, lightgbm as lgb
booster = lgb.Booster(model_file=sys.argv[1])
data = pd.read_csv(sys.argv[2]); data.pop("churned")
pd.DataFrame({"probability": booster.predict(data)}).to_csv(sys.argv[3], index=False)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    args = parser.parse_args()
    try:
        import lightgbm  # noqa: F401
        import pandas  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "lightgbm", "pandas", "scikit-learn"])
    import pandas as pd
    from sklearn.metrics import roc_auc_score
    if not os.path.exists(args.loyalty):
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT)
    lines = [f"Machine: {machine()}", f"Date: {datetime.date.today().isoformat()}", "",
             "| table | tool | fit s | fit peak MB | predict s | holdout AUC |", "|---|---|---|---|---|---|"]
    for size in [int(s) for s in args.sizes.split(",")]:
        train, holdout = os.path.join(DATA, f"train-{size}.csv"), os.path.join(DATA, f"holdout-{size}.csv")
        if not os.path.exists(holdout):
            subprocess.check_call([sys.executable, os.path.join(ROOT, "bench", "logistic", "run.py"), "--sizes", str(size)])
        y = pd.read_csv(holdout, usecols=["churned"])["churned"].to_numpy()
        with tempfile.TemporaryDirectory() as work:
            model, predictions = os.path.join(work, "model.json"), os.path.join(work, "p.csv")
            fit = timed([args.loyalty, "ml", "fit", "--data", train, "--label", "churned", "--algorithm", "gbdt",
                         "--trees", "200", "--leaves", "31", "--learning-rate", "0.1", "--max-bins", "255",
                         "--min-data-in-leaf", "20", "--threads", "2", "--out", model])
            predict = timed([args.loyalty, "ml", "predict", "--model", model, "--data", holdout, "--out", predictions])
            auc = roc_auc_score(y, pd.read_csv(predictions)["probability"])
            lines.append(f"| {size:,} × 40 | loyalty (2 threads) | {fit[0]:.2f} | {fit[1]:,.0f} | {predict[0]:.2f} | {auc:.5f} |")
            print(lines[-1], file=sys.stderr)
            model_txt = os.path.join(work, "model.txt")
            fit = timed([sys.executable, "-c", LGB_FIT, train, model_txt])
            predict = timed([sys.executable, "-c", LGB_PREDICT, model_txt, holdout, predictions])
            theirs = roc_auc_score(y, pd.read_csv(predictions)["probability"])
            lines.append(f"| {size:,} × 40 | LightGBM (2 threads) | {fit[0]:.2f} | {fit[1]:,.0f} | {predict[0]:.2f} | {theirs:.5f} |")
            print(lines[-1], file=sys.stderr)
            lines.append(f"| {size:,} × 40 | AUC difference | | | | {auc - theirs:+.5f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
