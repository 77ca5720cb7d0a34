#!/usr/bin/env python3
"""Whom should the retention list call: ranked by uplift or by churn risk? On generated campaigns with
known effects.

    python3 bench/campaigns/uplift_vs_risk.py [LOYALTY_BINARY] [CUSTOMERS] [SEED]

1. `loyalty generate --campaigns 8`: eight past retention campaigns with control groups and customers who
   are persuadable, sure things, lost causes or put off by a call (by their traits).
2. For each campaign date d: `loyalty features --as-of d` (orders, events, surveys, customers): the
   features each contact had when its list was made; label: bought in the 30 days after d (net spend
   above zero); treatment: the contact's group.
3. Uplift: `loyalty ml fit --algorithm uplift` (two models over gradient boosting) on campaigns 1-6.
   Risk: the churn model of the weekly job, `loyalty train --as-of D7 --horizon 30d` then `score`, its
   churn probability as of D7 (the first test campaign); both rank the contacts of campaigns 7-8.
4. Measured on campaigns 7-8 with scikit-uplift's Qini coefficient (the observed outcomes), and with the
   truth: the incremental purchases the top 20% of each ranking would bring (the sum of the contacts'
   true effects, bought with the call − without, from campaign_truth.csv).
"""
import csv
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
from sklift.metrics import qini_auc_score  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
loyalty = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../.build/release/loyalty")
customers = sys.argv[2] if len(sys.argv) > 2 else "20000"
seed = sys.argv[3] if len(sys.argv) > 3 else "7"
folder = tempfile.mkdtemp(prefix="uplift-vs-risk-")


def run(*arguments):
    return subprocess.run([loyalty, *arguments], check=True, capture_output=True, text=True)


run("generate", "--customers", customers, "--seed", seed, "--campaigns", "8", "--out", folder)
inputs = ["--orders", f"{folder}/orders.csv", "--customers", f"{folder}/customers.csv", "--events", f"{folder}/events.csv",
          "--surveys", f"{folder}/surveys.csv"]
truth = pd.read_csv(f"{folder}/campaign_truth.csv", dtype={"customer_id": str})
truth["bought"] = np.where(truth["group"] == "call", truth["bought_with_call"], truth["bought_without_call"])
truth["treated"] = (truth["group"] == "call").astype(int)
truth["effect"] = truth["bought_with_call"] - truth["bought_without_call"]
dates = sorted(truth["contact_date"].unique())
frames = []
for date in dates:
    out = f"{folder}/features-{date}.csv"
    run("features", *inputs, "--as-of", date, "--out", out)
    features = pd.read_csv(out, dtype={"customer_id": str})
    frames.append(truth[truth["contact_date"] == date].merge(features, on="customer_id", how="left"))
table = pd.concat(frames)
feature_columns = [c for c in table.columns if c not in
                   ("customer_id", "contact_date", "group", "reached", "response", "bought_without_call", "bought_with_call",
                    "bought", "treated", "effect")]
train, test = table[table["contact_date"].isin(dates[:6])], table[table["contact_date"].isin(dates[6:])]
train[feature_columns + ["treated", "bought"]].to_csv(f"{folder}/uplift-train.csv", index=False)
test[["customer_id"] + feature_columns].to_csv(f"{folder}/uplift-test.csv", index=False)
method = os.environ.get("UPLIFT_METHOD", "two-model")
base = os.environ.get("UPLIFT_BASE", "gbdt")
run("ml", "fit", "--data", f"{folder}/uplift-train.csv", "--label", "bought", "--algorithm", "uplift", "--treatment-column",
    "treated", "--uplift-method", method, "--base-algorithm", base, "--trees", "100", "--leaves", "15",
    "--min-data-in-leaf", "50", "--learning-rate", "0.05", "--out", f"{folder}/uplift.json")
run("ml", "predict", "--model", f"{folder}/uplift.json", "--data", f"{folder}/uplift-test.csv", "--id-column", "customer_id",
    "--out", f"{folder}/uplift-pred.csv")
uplift = pd.read_csv(f"{folder}/uplift-pred.csv")["uplift"].values

run("train", *inputs, "--as-of", dates[6], "--horizon", "30d", "--models", f"{folder}/models", "--quiet")
run("score", *inputs, "--as-of", dates[6], "--models", f"{folder}/models", "--out", f"{folder}/scores.csv", "--quiet")
scores = pd.read_csv(f"{folder}/scores.csv", dtype={"customer_id": str})[["customer_id", "churn_probability", "value"]]
test = test.merge(scores, on="customer_id", how="left")
risk = test["churn_probability"].fillna(0).values
value_at_stake = (test["churn_probability"].fillna(0) * test["value"].fillna(0)).values

y, w, effect = test["bought"].values, test["treated"].values, test["effect"].values
top = int(len(test) * 0.2)


def incremental(score):
    order = np.argsort(-score, kind="mergesort")[:top]
    return effect[order].sum()


print(f"{customers} customers, seed {seed}: {len(train):,} training contacts (campaigns 1-6), {len(test):,} test contacts (7-8)")
print(f"{'ranking':40s} {'Qini':>8s} {'true incremental purchases, top 20%':>38s}")
for name, score in [(f"uplift ({method}, {base})", uplift), ("churn probability (the weekly job's model)", risk),
                    ("churn probability × value (the retention list)", value_at_stake)]:
    print(f"{name:40s} {qini_auc_score(y, score, w):8.4f} {incremental(score):38.0f}")
print(f"random: {effect.sum() * 0.2:.0f} expected in any 20%")
