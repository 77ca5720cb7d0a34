#!/usr/bin/env python3
"""The weekly loyalty job written the way a data scientist would: pandas + LightGBM (reference for bench/pipeline).

Steps (the same job as `loyalty train` + `loyalty score` + `loyalty calllist`):
  1. read the orders CSV; sum lines into orders (customer, order id); returns = status returned/cancelled
     or a negative net amount.
  2. cutoffs T-H, T-H-30, ... back to the last one with a full 365-day active window of history before
     it (at most 12); for each cutoff, RFM features from data on or before it and the two labels:
       churn           active at the cutoff (a purchase in the 365 days up to it) and no purchase in
                       (cutoff, cutoff + H]
       loyal candidate active and not loyal at the cutoff, loyal at cutoff + H; loyal = trailing-365-day
                       spend at least the threshold of the top 20% of active customers at the cutoff
                       (threshold fixed at the cutoff)
  3. stack the cutoffs; out-of-time AUC on the held-out cutoff T-H with models fitted on cutoffs <= T-2H;
     refit on all cutoffs (LightGBM: 200 trees, 31 leaves, learning rate 0.1, 2 threads); models saved.
  4. features at T for every active customer; churn and loyal-candidate probabilities;
     value = mean order value x purchases; OUT/scores.csv.
  5. call list: retention (churn probability x value) and upgrade (loyal-candidate probability, already
     loyal excluded), capacity split 60/40; excluded: do_not_call = 1, no or invalid phone, contacted in
     the 30 days up to T; OUT/calllist.csv.

Timings per step go to stderr; a JSON summary (AUCs, row counts, timings) is the last line on stdout.

Usage: python3 python_pipeline.py --orders orders.csv --customers customers.csv --as-of YYYY-MM-DD
                                  --horizon-days 90 --out DIR [--capacity 1000] [--retention-share 0.6]
"""
import argparse
import json
import math
import os
import re
import sys
import time

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

ACTIVE_DAYS = 365
STEP_DAYS = 30
MAX_CUTOFFS = 12
LOYAL_TOP_SHARE = 0.2
COOL_OFF_DAYS = 30
PARAMS = dict(n_estimators=200, num_leaves=31, learning_rate=0.1, n_jobs=2, verbose=-1)
FEATURES = ["days_since_last_purchase", "days_since_first_purchase",
            "orders_30d", "orders_90d", "orders_180d", "orders_365d",
            "spend_30d", "spend_90d", "spend_180d", "spend_365d",
            "orders_all", "spend_all", "mean_order_value", "max_order_value",
            "returns_count", "returns_amount", "mean_days_between_orders", "orders_trend_90d",
            "distinct_purchase_days"]

timings = {}
_clock = [time.perf_counter()]


def step(name):
    now = time.perf_counter()
    timings[name] = round(now - _clock[0], 3)
    print(f"[python pipeline] {name}: {now - _clock[0]:.2f} s", file=sys.stderr, flush=True)
    _clock[0] = now


def day_number(values):
    """Dates (strings, with or without a time) to days since 1970-01-01."""
    return pd.to_datetime(values, format="ISO8601").values.astype("datetime64[D]").astype(np.int64)


def read_orders(path):
    header = pd.read_csv(path, nrows=0).columns
    usecols = [c for c in ["order_id", "customer_id", "order_date", "amount", "status"] if c in header]
    lines = pd.read_csv(path, usecols=usecols, dtype={"customer_id": str, "order_id": str, "status": str})
    lines = lines[lines["customer_id"].notna()]
    lines["day"] = day_number(lines["order_date"])
    if "status" in lines:
        lines["cancelled"] = lines["status"].str.lower().isin(["returned", "cancelled", "canceled"])
    else:
        lines["cancelled"] = False
    step("read orders")
    if "order_id" in lines:
        orders = (lines.groupby(["customer_id", "order_id"], sort=False)
                  .agg(day=("day", "min"), amount=("amount", "sum"), cancelled=("cancelled", "any"))
                  .reset_index())
    else:
        orders = lines[["customer_id", "day", "amount", "cancelled"]]
    orders["is_return"] = orders["cancelled"] | (orders["amount"] < 0)
    orders["cust"], customer_ids = pd.factorize(orders["customer_id"])
    orders = orders[["cust", "day", "amount", "is_return"]]
    step("lines to orders")
    return orders, np.asarray(customer_ids, dtype=object)


def features_at(orders, purchase_days, cutoff):
    """RFM features at `cutoff` (a day number) for the customers active then (a purchase in the 365 days up to it)."""
    upto = orders[orders["day"] <= cutoff]
    age = cutoff - upto["day"]
    purchases = upto[~upto["is_return"]].assign(age=age)
    returns = upto[upto["is_return"]]
    g = purchases.groupby("cust")
    f = g.agg(last_day=("day", "max"), first_day=("day", "min"), orders_all=("amount", "size"),
              spend_all=("amount", "sum"), mean_order_value=("amount", "mean"), max_order_value=("amount", "max"))
    f = f[f["last_day"] > cutoff - ACTIVE_DAYS]           # active: a purchase in (cutoff - 365, cutoff]
    f["days_since_last_purchase"] = cutoff - f["last_day"]
    f["days_since_first_purchase"] = cutoff - f["first_day"]
    for w in (30, 90, 180, 365):
        window = purchases[purchases["age"] < w].groupby("cust")["amount"].agg(["size", "sum"])
        f[f"orders_{w}d"] = window["size"].reindex(f.index).fillna(0)
        f[f"spend_{w}d"] = window["sum"].reindex(f.index).fillna(0)
    previous = purchases[(purchases["age"] >= 90) & (purchases["age"] < 180)].groupby("cust").size().reindex(f.index)
    f["orders_trend_90d"] = ((f["orders_90d"] - previous) / previous).where(previous > 0)
    rg = returns.assign(amount=returns["amount"].abs()).groupby("cust")["amount"]
    f["returns_count"] = rg.size().reindex(f.index).fillna(0)
    f["returns_amount"] = rg.sum().reindex(f.index).fillna(0)
    days = purchase_days[purchase_days["day"] <= cutoff].groupby("cust").size().reindex(f.index)
    f["distinct_purchase_days"] = days
    # mean gap between consecutive distinct purchase days = (last - first) / (distinct days - 1)
    f["mean_days_between_orders"] = ((f["last_day"] - f["first_day"]) / (days - 1)).where(days > 1)
    return f[FEATURES].astype("float64")


def trailing_spend(orders, day):
    """Purchase spend per customer in (day - 365, day] (customers with a purchase there only)."""
    window = orders[(orders["day"] <= day) & (orders["day"] > day - ACTIVE_DAYS) & ~orders["is_return"]]
    return window.groupby("cust")["amount"].sum()


def loyalty_threshold(spend):
    """Trailing spend of the last customer inside the top 20% of active customers."""
    ranked = np.sort(spend.to_numpy())[::-1]
    if len(ranked) == 0:
        return math.inf
    return ranked[max(1, math.ceil(len(ranked) * LOYAL_TOP_SHARE)) - 1]


def labelled_cutoff(orders, purchase_days, cutoff, horizon):
    f = features_at(orders, purchase_days, cutoff)
    later = orders[(orders["day"] > cutoff) & (orders["day"] <= cutoff + horizon) & ~orders["is_return"]]
    f["churn"] = (~f.index.isin(later["cust"].unique())).astype("float64")
    threshold = loyalty_threshold(f["spend_365d"])
    spend_later = trailing_spend(orders, cutoff + horizon).reindex(f.index)
    loyal_later = spend_later.notna() & (spend_later >= threshold)
    f["loyal_candidate"] = loyal_later.astype("float64").where(f["spend_365d"] < threshold)
    f["cutoff"] = cutoff
    return f


def fit(frame, target):
    rows = frame[frame[target].notna()]
    model = lgb.LGBMClassifier(**PARAMS)
    model.fit(rows[FEATURES], rows[target].astype(int))
    return model


def valid_phone(phone):
    if not isinstance(phone, str) or not re.fullmatch(r"\+?[0-9][0-9\- ()]*", phone.strip()):
        return False
    return 10 <= sum(ch.isdigit() for ch in phone) <= 13


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", required=True)
    parser.add_argument("--customers", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--horizon-days", type=int, default=90)
    parser.add_argument("--out", required=True)
    parser.add_argument("--capacity", type=int, default=1000)
    parser.add_argument("--retention-share", type=float, default=0.6)
    args = parser.parse_args()
    os.makedirs(os.path.join(args.out, "models"), exist_ok=True)
    T = int(np.datetime64(args.as_of, "D").astype(np.int64))
    H = args.horizon_days

    # 1. orders
    orders, customer_ids = read_orders(args.orders)
    orders = orders[orders["day"] <= T]  # training and scoring may use data up to T only
    purchase_days = orders.loc[~orders["is_return"], ["cust", "day"]].drop_duplicates()

    # 2. cutoffs, features and labels
    first_day = int(orders["day"].min())
    cutoffs = [T - H - k * STEP_DAYS for k in range(MAX_CUTOFFS) if T - H - k * STEP_DAYS - ACTIVE_DAYS >= first_day - 1]
    if not cutoffs:
        sys.exit("not enough history for one cutoff with a 365-day active window")
    stacked = pd.concat([labelled_cutoff(orders, purchase_days, c, H) for c in cutoffs])
    step(f"features and labels ({len(cutoffs)} cutoffs, {len(stacked):,} rows)")

    # 3. out-of-time evaluation, then the refit on all cutoffs
    held_out = stacked[stacked["cutoff"] == T - H]
    early = stacked[stacked["cutoff"] <= T - 2 * H]
    auc = {}
    for target in ("churn", "loyal_candidate"):
        rows = held_out[held_out[target].notna()]
        if len(early[early[target].notna()]) and rows[target].nunique() == 2:
            model = fit(early, target)
            auc[target] = round(float(roc_auc_score(rows[target], model.predict_proba(rows[FEATURES])[:, 1])), 5)
        else:
            auc[target] = None
        print(f"out-of-time AUC {target} (cutoff {np.datetime64(T - H, 'D')}, fitted on cutoffs <= "
              f"{np.datetime64(T - 2 * H, 'D')}): {auc[target]}", file=sys.stderr, flush=True)
    step("out-of-time evaluation")
    models = {target: fit(stacked, target) for target in ("churn", "loyal_candidate")}
    for target, model in models.items():
        model.booster_.save_model(os.path.join(args.out, "models", f"{target}.txt"))
    training_rows = {target: int(stacked[target].notna().sum()) for target in models}
    del stacked, held_out, early
    step("refit on all cutoffs")

    # 4. scores at T
    now = features_at(orders, purchase_days, T)
    threshold = loyalty_threshold(now["spend_365d"])
    scores = pd.DataFrame({
        "customer_id": customer_ids[now.index.to_numpy()],
        "churn_probability": models["churn"].predict_proba(now[FEATURES])[:, 1],
        "loyal_candidate_probability": models["loyal_candidate"].predict_proba(now[FEATURES])[:, 1],
        "value": (now["mean_order_value"] * now["orders_all"]).to_numpy(),
        "loyal": (now["spend_365d"] >= threshold).astype(int).to_numpy(),
    })
    for column in ("churn_probability", "loyal_candidate_probability", "value"):
        scores[column.replace("_probability", "") + "_decile"] = pd.qcut(
            scores[column].rank(method="first"), 10, labels=False) + 1 if len(scores) >= 10 else 1
    scores.to_csv(os.path.join(args.out, "scores.csv"), index=False)
    step(f"score ({len(scores):,} active customers)")

    # 5. call list
    customers = pd.read_csv(args.customers, dtype=str, keep_default_na=False)
    contacted = pd.to_datetime(customers.get("last_contacted", pd.Series("", index=customers.index)),
                               format="ISO8601", errors="coerce")
    since_contact = (np.datetime64(args.as_of, "D") - contacted.values.astype("datetime64[D]")).astype("timedelta64[D]").astype(float)
    since_contact[contacted.isna().to_numpy()] = np.nan
    excluded = ((customers.get("do_not_call", "0").str.strip() == "1")
                | ~customers.get("phone", pd.Series("", index=customers.index)).map(valid_phone)
                | ((since_contact >= 0) & (since_contact < COOL_OFF_DAYS)))
    callable_ids = set(customers.loc[~excluded, "customer_id"])
    people = customers.set_index("customer_id")
    pool = scores[scores["customer_id"].isin(callable_ids)].copy()
    pool["value_at_stake"] = pool["churn_probability"] * pool["value"]
    retention_quota = round(args.capacity * args.retention_share)
    retention = pool.sort_values("value_at_stake", ascending=False, kind="stable").head(retention_quota)
    upgrade_pool = pool[(pool["loyal"] == 0) & ~pool["customer_id"].isin(retention["customer_id"])]
    upgrade = upgrade_pool.sort_values("loyal_candidate_probability", ascending=False, kind="stable").head(
        args.capacity - len(retention))
    if len(retention) + len(upgrade) < args.capacity:  # a short upgrade list leaves room for more retention calls
        more = pool[~pool["customer_id"].isin(retention["customer_id"]) & ~pool["customer_id"].isin(upgrade["customer_id"])]
        retention = pd.concat([retention, more.sort_values("value_at_stake", ascending=False, kind="stable").head(
            args.capacity - len(retention) - len(upgrade))])
    calllist = pd.concat([retention.assign(list="retention"), upgrade.assign(list="upgrade")])
    calllist.insert(0, "rank", range(1, len(calllist) + 1))
    calllist["name"] = people["name"].reindex(calllist["customer_id"]).to_numpy() if "name" in people else ""
    calllist["phone"] = people["phone"].reindex(calllist["customer_id"]).to_numpy() if "phone" in people else ""
    calllist[["rank", "list", "customer_id", "name", "phone", "churn_probability", "loyal_candidate_probability",
              "value", "value_at_stake"]].to_csv(os.path.join(args.out, "calllist.csv"), index=False)
    step(f"call list ({len(retention)} retention, {len(upgrade)} upgrade; {int(excluded.sum()):,} excluded)")

    print(json.dumps({"as_of": args.as_of, "horizon_days": H, "orders": int(len(orders)),
                      "cutoffs": [str(np.datetime64(c, "D")) for c in cutoffs], "training_rows": training_rows,
                      "out_of_time_auc": auc, "scored": int(len(scores)), "called": int(len(calllist)),
                      "timings": timings}))


if __name__ == "__main__":
    main()
