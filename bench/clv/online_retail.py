#!/usr/bin/env python3
"""BG/NBD on UCI Online Retail at five cutoffs: lifetimes' BetaGeoFitter beside `loyalty clv`.

    python3 bench/clv/online_retail.py [--loyalty .build/release/loyalty] [--summaries DIR]

Data: /work/shared/datasets/online-retail.csv.gz (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,
UnitPrice,CustomerID,Country; 541,909 lines, 4,372 customers, 2010-12-01 .. 2011-12-09).

The per-customer summary is built the way ours builds it:
  * line amount = Quantity x UnitPrice; rows without CustomerID dropped;
  * invoices starting with 'C' are cancellations and count negative (their Quantity is already < 0;
    -|amount| makes it explicit);
  * net amount per customer per calendar day (InvoiceDate's date); a purchase day is a day with a net
    amount > 0; only days on or before the cutoff;
  * frequency = purchase days - 1, recency = last - first purchase day, T = cutoff - first purchase day,
    in weeks (days / 7); customers without a purchase day by the cutoff are not in the summary;
  * monetary value = mean net amount over the repeat purchase days (the first excluded), 0 when
    frequency is 0.
At each cutoff lifetimes' BetaGeoFitter is fitted with penalizer_coef 0 and 0.01 (exceptions caught and
reported); a fit with a < 1e-3 or b > 1e3 is flagged as on the boundary (a -> 0 / b -> inf, i.e. no
drop-out). Then, when --loyalty exists and has `clv`, ours is run at the same cutoff:
    loyalty clv --orders online-retail.csv.gz --as-of CUTOFF --horizon 90d --model bgnbd --json --out TMP
and its parameters, converged, boundary (and penalty) are shown beside, with its per-customer CSV
compared with the summary here (customers in one and not the other, largest differences).

--summaries DIR writes summary_<cutoff>.csv (customer_id,frequency,recency,T,monetary_value) per cutoff.
A table of customer counts per cutoff (ours vs this summary) is printed at the end.
Exit status is non-zero only when something crashes.
"""
import argparse
import contextlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter

DATA = "/work/shared/datasets/online-retail.csv.gz"
CUTOFFS = ["2010-12-14", "2011-03-14", "2011-06-12", "2011-09-10", "2011-12-09"]


def purchase_days(path):
    raw = pd.read_csv(path, dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str},
                      usecols=["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"])
    lines = len(raw)
    raw = raw[raw["CustomerID"].notna() & (raw["CustomerID"].str.strip() != "")].copy()
    raw["CustomerID"] = raw["CustomerID"].str.strip()
    # Exact arithmetic: UnitPrice has at most 3 decimals, so amounts are integers in thousandths. In floating
    # point, 65 customer-days whose lines cancel exactly (e.g. 158.65 bought and cancelled the same day) sum
    # to +-1e-16 depending on the summation order, and a "> 0" test would count some of them as purchases.
    milli = (raw["UnitPrice"].astype(float) * 1000).round().astype("int64")
    if not np.allclose(milli / 1000.0, raw["UnitPrice"].astype(float), rtol=0, atol=1e-9):
        sys.exit("UnitPrice has more than 3 decimals; the exact-thousandths arithmetic does not hold")
    raw["milli"] = raw["Quantity"].astype("int64") * milli
    cancelled = raw["InvoiceNo"].str.startswith("C")
    raw.loc[cancelled, "milli"] = -raw.loc[cancelled, "milli"].abs()
    raw["day"] = pd.to_datetime(raw["InvoiceDate"], format="%Y-%m-%d %H:%M:%S").dt.normalize()
    net = raw.groupby(["CustomerID", "day"], as_index=False)["milli"].sum()
    net["amount"] = net["milli"] / 1000.0
    net = net.drop(columns="milli")
    print(f"{path}: {lines} lines, {len(raw)} with a CustomerID ({raw['CustomerID'].nunique()} customers, "
          f"{int(cancelled.sum())} cancellation lines); {len(net)} customer-days, "
          f"{int((net['amount'] > 0).sum())} with a net amount > 0, {int((net['amount'] == 0).sum())} exactly 0")
    return net


def summary(net, cutoff):
    end = pd.Timestamp(cutoff)
    days = net[(net["day"] <= end) & (net["amount"] > 0)].sort_values(["CustomerID", "day"])
    grouped = days.groupby("CustomerID")
    first = grouped["day"].min()
    last = grouped["day"].max()
    count = grouped["day"].count()
    total = grouped["amount"].sum()
    first_amount = grouped["amount"].first()
    frequency = count - 1
    monetary = ((total - first_amount) / frequency.where(frequency > 0)).fillna(0.0)
    return pd.DataFrame({
        "frequency": frequency.astype(float),
        "recency": (last - first).dt.days / 7.0,
        "T": (end - first).dt.days / 7.0,
        "monetary_value": monetary,
    }).rename_axis("customer_id")


def fit_lifetimes(frame, penalizer):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chatter = io.StringIO()  # lifetimes print()s the scipy result before raising ConvergenceError
        try:
            with contextlib.redirect_stdout(chatter):
                fit = BetaGeoFitter(penalizer_coef=penalizer).fit(frame["frequency"], frame["recency"], frame["T"])
        except Exception as error:  # ConvergenceError, LinAlgError (singular Hessian), ValueError ...
            first = (str(error).strip().splitlines() or [""])[0]
            detail = [l.strip() for l in chatter.getvalue().splitlines() if l.strip().startswith(("message:", "x:"))]
            return {"error": f"{type(error).__name__}: {first[:160]}", "detail": detail}
    p = {k: float(fit.params_[k]) for k in ("r", "alpha", "a", "b")}
    try:
        se = {k: float(v) for k, v in fit.standard_errors_.items()}
    except Exception:
        se = {}
    boundary = p["a"] < 1e-3 or p["b"] > 1e3
    return {"parameters": p, "standardErrors": se, "boundary": boundary,
            "meanNLL": float(fit._negative_log_likelihood_)}


def describe(result):
    if "error" in result:
        text = result["error"]
        for line in result.get("detail", []):
            if line.startswith("x:"):  # the log-parameters (log r, log alpha, log a, log b) where scipy stopped
                text += "; stopped at log-params " + line[2:].strip()
        return text
    p = result["parameters"]
    se = result["standardErrors"]
    text = "r %.5g alpha %.5g a %.5g b %.5g" % (p["r"], p["alpha"], p["a"], p["b"])
    if se and any(not math.isfinite(v) for v in se.values()):
        text += " (non-finite standard errors)"
    text += "  boundary (a->0 / b huge)" if result["boundary"] else "  interior"
    return text


def loyalty_supports_clv(path):
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        return False
    try:
        return subprocess.run([path, "clv", "--help"], capture_output=True, text=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def compare_customers(frame, ours_csv):
    try:
        ours = pd.read_csv(ours_csv, dtype={"customer_id": str}).set_index("customer_id")
    except Exception as error:
        return f"could not read {ours_csv}: {type(error).__name__}: {error}"
    only_here = frame.index.difference(ours.index)
    only_ours = ours.index.difference(frame.index)
    both = frame.index.intersection(ours.index)
    parts = [f"{len(only_here)} only here, {len(only_ours)} only in ours"]
    for mine, theirs in (("frequency", "frequency"), ("recency", "recency"), ("T", "age"),
                         ("monetary_value", "monetary_value")):
        if theirs in ours.columns and len(both):
            diff = np.abs(frame.loc[both, mine].to_numpy(float) - ours.loc[both, theirs].to_numpy(float))
            parts.append(f"max|d {mine}| {diff.max():.3g}")
    differ = both[np.abs(frame.loc[both, "frequency"].to_numpy(float) - ours.loc[both, "frequency"].to_numpy(float)) > 0]
    if "age" in ours.columns:
        differ = differ.union(both[np.abs(frame.loc[both, "T"].to_numpy(float) - ours.loc[both, "age"].to_numpy(float)) > 1e-9])
    parts.append(f"{len(differ)} with a different frequency or T")
    examples = list(only_here[:3]) + list(only_ours[:3]) + list(differ[:6])
    if examples:
        parts.append("e.g. " + " ".join(examples))
    return ", ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loyalty", default=".build/release/loyalty")
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--summaries", help="folder for summary_<cutoff>.csv per cutoff")
    args = parser.parse_args()

    loyalty = args.loyalty
    if not os.path.exists(loyalty) and loyalty == ".build/release/loyalty":
        triple = ".build/x86_64-unknown-linux-gnu/release/loyalty"
        loyalty = triple if os.path.exists(triple) else loyalty
    ours_available = loyalty_supports_clv(loyalty)
    if not ours_available:
        print(f"note: {args.loyalty} missing or without `clv`; lifetimes only")

    net = purchase_days(args.data)
    if args.summaries:
        os.makedirs(args.summaries, exist_ok=True)
    out_csv = os.path.join(tempfile.gettempdir(), "or-clv.csv")
    counts = []
    for cutoff in CUTOFFS:
        frame = summary(net, cutoff)
        if args.summaries:
            frame.to_csv(os.path.join(args.summaries, f"summary_{cutoff}.csv"))
        repeaters = int((frame["frequency"] > 0).sum())
        print(f"\n{cutoff}: {len(frame)} customers ({repeaters} with a repeat purchase, "
              f"sum frequency {int(frame['frequency'].sum())}, max T {frame['T'].max():.3f} weeks)")
        for penalizer in (0.0, 0.01):
            print(f"  lifetimes penalizer {penalizer:<5}: {describe(fit_lifetimes(frame, penalizer))}")
        row = {"cutoff": cutoff, "customers": len(frame), "ours": None}
        if ours_available:
            command = [loyalty, "clv", "--orders", args.data, "--as-of", cutoff, "--horizon", "90d",
                       "--model", "bgnbd", "--json", "--out", out_csv]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                lines = result.stderr.strip().splitlines() or [""]
                print(f"  loyalty: exit {result.returncode}: {lines[-1][:200]}")
            else:
                try:
                    ours = json.loads(result.stdout)
                except json.JSONDecodeError:
                    print(f"  loyalty printed no JSON: {result.stdout[:200]!r}")
                    ours = None
                if ours is not None:
                    p = ours.get("parameters", {})
                    row["ours"] = ours.get("customers")
                    print("  loyalty (%s customers): r %.5g alpha %.5g a %.5g b %.5g; converged %s, penalty %s, LL %s"
                          % (ours.get("customers"), p.get("r", float("nan")), p.get("alpha", float("nan")),
                             p.get("a", float("nan")), p.get("b", float("nan")), ours.get("converged"),
                             ours.get("penalty"), ours.get("logLikelihood")))
                    print(f"    boundary: {ours.get('boundary')}")
                    print(f"    per customer vs this summary: {compare_customers(frame, out_csv)}")
        counts.append(row)

    print("\ncustomers per cutoff (summary here vs loyalty clv)")
    print(f"{'cutoff':<12} {'here':>6} {'ours':>6}")
    for row in counts:
        print(f"{row['cutoff']:<12} {row['customers']:>6} {row['ours'] if row['ours'] is not None else '-':>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
