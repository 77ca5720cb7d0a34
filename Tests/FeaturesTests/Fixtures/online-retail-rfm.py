#!/usr/bin/env python3
"""Reference RFM features for the UCI Online Retail file as of 2011-09-01, computed with pandas.

Writes online-retail-rfm-2011-09-01.csv beside this script; FeaturesTests compares RFMFeatures with it
(counts and days identical, sums and means within 1e-9 relative). Definitions as Guides/Features.md:
an order is an InvoiceNo of one customer (lines summed, dated by its first day); it is a return when the
InvoiceNo is C/c + digit or its amount is negative; a purchase is any other order; a window of w days is
(T - w, T]; spend is net (the purchases in the window minus the absolute amounts of the returns in it);
the mean order value is net spend over purchases; gaps are between consecutive distinct purchase days;
sd uses n - 1.
Usage: python3 online-retail-rfm.py [path/to/online-retail.csv.gz]
"""
import os
import sys

import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
default = os.path.join(here, "..", "..", "..", "..", "shared", "datasets", "online-retail.csv.gz")
path = sys.argv[1] if len(sys.argv) > 1 else default
T = pd.Timestamp("2011-09-01")

df = pd.read_csv(path, dtype=str, keep_default_na=False)
df = df[df["CustomerID"] != ""].copy()
df["amount"] = df["Quantity"].astype(float) * df["UnitPrice"].astype(float)
df["day"] = pd.to_datetime(df["InvoiceDate"].str.slice(0, 10))
df["cancelled"] = df["InvoiceNo"].str.match(r"^[Cc][0-9]")
customers = pd.unique(df["CustomerID"])
orders = df.groupby(["CustomerID", "InvoiceNo"], sort=False).agg(
    amount=("amount", "sum"), day=("day", "first"), cancelled=("cancelled", "any")).reset_index()
orders["is_return"] = orders["cancelled"] | (orders["amount"] < 0)
orders = orders[orders["day"] <= T]
orders["age"] = (T - orders["day"]).dt.days
purchases = orders[~orders["is_return"]]
returns = orders[orders["is_return"]]

out = pd.DataFrame(index=pd.Index(customers, name="customer_id"))
g = purchases.groupby("CustomerID")
out["days_since_last_purchase"] = g["age"].min()
out["days_since_first_purchase"] = g["age"].max()


def net(window_purchases, window_returns):
    bought = window_purchases.groupby("CustomerID")["amount"].sum().reindex(out.index).fillna(0)
    returned = window_returns.groupby("CustomerID")["amount"].apply(lambda a: a.abs().sum())
    return bought - returned.reindex(out.index).fillna(0)


for w in [30, 90, 180, 365]:
    inside = purchases[purchases["age"] < w].groupby("CustomerID")
    out[f"orders_{w}d"] = inside.size()
    out[f"orders_{w}d"] = out[f"orders_{w}d"].fillna(0)
    out[f"spend_{w}d"] = net(purchases[purchases["age"] < w], returns[returns["age"] < w])
out["orders_all"] = g.size()
out["orders_all"] = out["orders_all"].fillna(0)
out["spend_all"] = net(purchases, returns)
out["mean_order_value"] = (out["spend_all"] / out["orders_all"]).where(out["orders_all"] > 0)
out["max_order_value"] = g["amount"].max()

def gap_stats(days):
    distinct = np.sort(np.unique(days.values.astype("datetime64[D]").astype(np.int64)))
    gaps = np.diff(distinct).astype(float)
    mean = gaps.mean() if len(gaps) > 0 else np.nan
    sd = gaps.std(ddof=1) if len(gaps) > 1 else np.nan
    return pd.Series({"mean": mean, "sd": sd, "distinct": float(len(distinct))})

stats = g["day"].apply(gap_stats).unstack()
out["mean_days_between_orders"] = stats["mean"]
out["sd_days_between_orders"] = stats["sd"]
r = returns.groupby("CustomerID")
out["returns_count"] = r.size()
out["returns_count"] = out["returns_count"].fillna(0)
out["returns_amount"] = r["amount"].apply(lambda a: a.abs().sum())
out["returns_amount"] = out["returns_amount"].fillna(0)
recent = purchases[purchases["age"] < 90].groupby("CustomerID").size()
previous = purchases[(purchases["age"] >= 90) & (purchases["age"] < 180)].groupby("CustomerID").size()
trend = (recent.reindex(out.index).fillna(0) - previous.reindex(out.index)) / previous.reindex(out.index)
out["orders_trend_90d"] = trend.where(previous.reindex(out.index) > 0)
out["distinct_purchase_days"] = stats["distinct"]
out["distinct_purchase_days"] = out["distinct_purchase_days"].fillna(0)
out.to_csv(os.path.join(here, "online-retail-rfm-2011-09-01.csv"), na_rep="", float_format="%.17g")
print(out.describe().T[["count", "mean"]])
