#!/usr/bin/env python3
"""bench/features: orders to per-customer RFM features, `loyalty features` beside pandas and polars.

On the generated ~10M-order file of bench/ingest (840,000 customers, seed 7), each tool reads the CSV,
computes the RFM family of Guides/Features.md for every customer (recency, first purchase, purchases and
spend in 30/90/180/365 days and all time, mean and max order value, mean and sd of gaps between distinct
purchase days, returns count and amount, 90-day trend, distinct purchase days) and writes a CSV:
  - at one cutoff (2024-12-31), and
  - at 12 stacked cutoffs (2024-12-31 and every 30 days before).
Every tool runs as its own process under /usr/bin/time (wall time and peak memory). The generated file's
orders have one line each, so orders are rows (returns: status "returned", negative amounts).
Goal (issue "Features"): faster than polars.

Usage: python3 bench/features/run.py [--customers N] [--repeat K] [--skip-pandas]
"""
import argparse
import datetime
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "bench", "ingest"))
from run import machine, timed  # noqa: E402

PANDAS = r"""
import sys, numpy as np, pandas as pd
path, out, cutoff, count, step = sys.argv[1], sys.argv[2], pd.Timestamp(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
df = pd.read_csv(path, usecols=["customer_id", "order_date", "amount"], dtype={"customer_id": str}, parse_dates=["order_date"])
customers = pd.Index(pd.unique(df["customer_id"]), name="customer_id")
is_return = df["amount"] < 0
frames = []
for k in range(count):
    T = cutoff - pd.Timedelta(days=k * step)
    upto = df[df["order_date"] <= T]
    age = (T - upto["order_date"]).dt.days
    upto = upto.assign(age=age)
    p = upto[~is_return.loc[upto.index]]
    r = upto[is_return.loc[upto.index]]
    g = p.groupby("customer_id")
    out_k = pd.DataFrame(index=customers)
    out_k["cutoff"] = T.date().isoformat()
    out_k["days_since_last_purchase"] = g["age"].min()
    out_k["days_since_first_purchase"] = g["age"].max()
    for w in [30, 90, 180, 365]:
        inside = p[p["age"] < w].groupby("customer_id")["amount"]
        out_k[f"orders_{w}d"] = inside.size().reindex(customers).fillna(0)
        out_k[f"spend_{w}d"] = inside.sum().reindex(customers).fillna(0)
    out_k["orders_all"] = g.size().reindex(customers).fillna(0)
    out_k["spend_all"] = g["amount"].sum().reindex(customers).fillna(0)
    out_k["mean_order_value"] = g["amount"].mean()
    out_k["max_order_value"] = g["amount"].max()
    d = p[["customer_id", "order_date"]].drop_duplicates().sort_values(["customer_id", "order_date"])
    d["gap"] = d.groupby("customer_id")["order_date"].diff().dt.days
    gs = d.groupby("customer_id")["gap"]
    out_k["mean_days_between_orders"] = gs.mean()
    out_k["sd_days_between_orders"] = gs.std()
    rg = r.groupby("customer_id")["amount"]
    out_k["returns_count"] = rg.size().reindex(customers).fillna(0)
    out_k["returns_amount"] = (-rg.sum()).reindex(customers).fillna(0)
    recent = p[p["age"] < 90].groupby("customer_id").size().reindex(customers).fillna(0)
    previous = p[(p["age"] >= 90) & (p["age"] < 180)].groupby("customer_id").size().reindex(customers)
    out_k["orders_trend_90d"] = ((recent - previous) / previous).where(previous > 0)
    out_k["distinct_purchase_days"] = d.groupby("customer_id").size().reindex(customers).fillna(0)
    frames.append(out_k)
pd.concat(frames).to_csv(out)
"""

POLARS = r"""
import sys, datetime, polars as pl
path, out, cutoff, count, step = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
df = pl.read_csv(path, columns=["customer_id", "order_date", "amount"], schema_overrides={"customer_id": pl.Utf8}, try_parse_dates=True)
customers = df.select(pl.col("customer_id").unique(maintain_order=True))
frames = []
for k in range(count):
    T = cutoff - datetime.timedelta(days=k * step)
    upto = df.filter(pl.col("order_date") <= T).with_columns(age=(pl.lit(T) - pl.col("order_date")).dt.total_days())
    p = upto.filter(pl.col("amount") >= 0)
    r = upto.filter(pl.col("amount") < 0)
    aggs = [pl.col("age").min().alias("days_since_last_purchase"), pl.col("age").max().alias("days_since_first_purchase")]
    for w in [30, 90, 180, 365]:
        aggs += [(pl.col("age") < w).sum().alias(f"orders_{w}d"), pl.col("amount").filter(pl.col("age") < w).sum().alias(f"spend_{w}d")]
    aggs += [pl.len().alias("orders_all"), pl.col("amount").sum().alias("spend_all"), pl.col("amount").mean().alias("mean_order_value"),
             pl.col("amount").max().alias("max_order_value"),
             (pl.col("age") < 90).sum().alias("recent"), ((pl.col("age") >= 90) & (pl.col("age") < 180)).sum().alias("previous")]
    main = p.group_by("customer_id").agg(aggs)
    days = p.select("customer_id", "order_date").unique().sort("customer_id", "order_date").with_columns(
        gap=pl.col("order_date").diff().over("customer_id").dt.total_days())
    gaps = days.group_by("customer_id").agg(pl.col("gap").mean().alias("mean_days_between_orders"),
                                           pl.col("gap").std().alias("sd_days_between_orders"),
                                           pl.len().alias("distinct_purchase_days"))
    rets = r.group_by("customer_id").agg(pl.len().alias("returns_count"), (-pl.col("amount").sum()).alias("returns_amount"))
    out_k = (customers.join(main, on="customer_id", how="left").join(gaps, on="customer_id", how="left")
             .join(rets, on="customer_id", how="left")
             .with_columns(cutoff=pl.lit(T.isoformat()),
                           orders_trend_90d=pl.when(pl.col("previous") > 0).then((pl.col("recent") - pl.col("previous")) / pl.col("previous")))
             .drop("recent", "previous"))
    frames.append(out_k)
pl.concat(frames).write_csv(out)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=840_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    args = parser.parse_args()
    if not os.path.exists(args.loyalty):
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT)
    folder = os.path.join(ROOT, "bench", ".data", f"generated-{args.customers}")
    orders = os.path.join(folder, "orders.csv")
    if not os.path.exists(orders):
        subprocess.check_call([args.loyalty, "generate", "--customers", str(args.customers), "--seed", "7", "--out", folder, "--orders-only"])
    with open(orders, "rb") as handle:
        rows = sum(1 for _ in handle) - 1
    lines = [f"Machine: {machine()}", f"Date: {datetime.date.today().isoformat()}", "",
             f"{rows:,} orders, {args.customers:,} customers, cutoff 2024-12-31", "",
             "| cutoffs | tool | best wall s | peak MB | polars ÷ loyalty | pandas ÷ loyalty |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as work:
        for count in [1, 12]:
            results = {}
            out = os.path.join(work, "f.csv")
            runs = [timed([args.loyalty, "features", "--orders", orders, "--as-of", "2024-12-31", "--stack-cutoffs", str(count),
                           "--out", out]) for _ in range(args.repeat)]
            results["loyalty features"] = min(runs, key=lambda run: run[0])
            for name, script in [("polars", POLARS)] + ([] if args.skip_pandas else [("pandas", PANDAS)]):
                runs = [timed([sys.executable, "-c", script, orders, out, "2024-12-31", str(count), "30"]) for _ in range(args.repeat)]
                results[name] = min(runs, key=lambda run: run[0])
            ours = results["loyalty features"][0]
            for name, (seconds, megabytes, _) in results.items():
                ratios = ["", ""]
                if name == "loyalty features":
                    ratios = [f"{results['polars'][0] / ours:.2f}×", f"{results['pandas'][0] / ours:.2f}×" if "pandas" in results else ""]
                lines.append(f"| {count} | {name} | {seconds:.2f} | {megabytes:,.0f} | {ratios[0]} | {ratios[1]} |")
                print(lines[-1], file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
