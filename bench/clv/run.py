#!/usr/bin/env python3
"""BG/NBD on the full CDNOW cohort (23,570 customers): `loyalty clv` beside lifetimes' BetaGeoFitter.

    python3 bench/clv/run.py [--loyalty .build/release/loyalty] [--runs 3]

1. Builds an orders CSV (order_id,customer_id,order_date,amount) in a temporary folder from lifetimes'
   datasets/CDNOW_master.txt (order_id = data line number, customer_id the 5-digit text, ISO date,
   dollar_value as given).
2. Runs the lifetimes anchor once and prints its parameters (this half works without loyalty).
3. Then alternates ours and the anchor, --runs times each, every run a whole process measured with
   os.wait4 (wall clock around the process, peak RSS = the child's ru_maxrss):
     ours:   loyalty clv --orders CSV --as-of 1997-09-30 --horizon 52w (364d if 52w is refused)
             --model bgnbd --time-unit weeks --json --out TMP/clv.csv
     anchor: python3 anchor.py CSV: pandas read, net amount per customer-day, keep days > 0,
             lifetimes.utils.summary_data_from_transaction_data(..., observation_period_end='1997-09-30',
             freq='D'), recency and T / 7, BetaGeoFitter().fit, then GammaGammaFitter on frequency > 0
             (ours fits Gamma-Gamma too); prints the in-process times separately.

Purchase definition: lifetimes counts distinct purchase days (frequency = days - 1) whatever the amount;
ours counts only days whose net amount is > 0. CDNOW has 80 lines of $0 (73 customer-days by the
cutoff), and 70 customers have nothing else by 1997-09-30, so the anchor drops days with a net amount
<= 0 before summarising (23,500 customers, as ours should report). The literal recipe without that
filter (23,570 customers) is fitted once and printed for reference.

Exit status: 0 after a complete comparison; 2 when loyalty (or its clv subcommand) is missing, after
the lifetimes half has been checked; 1 when a process crashes or prints no JSON.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import lifetimes

AS_OF = "1997-09-30"

ANCHOR = r'''
import json, sys, time, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
import numpy as np
import pandas as pd
from scipy.special import betaln, gammaln
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data
t_import = time.perf_counter()
orders, raw = sys.argv[1], len(sys.argv) > 2 and sys.argv[2] == "--raw"
df = pd.read_csv(orders, dtype={"customer_id": str})
t_read = time.perf_counter()
if not raw:
    # ours: a purchase is a day with a net amount > 0
    df = df.groupby(["customer_id", "order_date"], as_index=False)["amount"].sum()
    df = df[df["amount"] > 0]
summary = summary_data_from_transaction_data(df, "customer_id", "order_date", monetary_value_col="amount",
                                             observation_period_end="1997-09-30", freq="D")
summary["recency"] = summary["recency"] / 7.0
summary["T"] = summary["T"] / 7.0
t_summary = time.perf_counter()
bgf = BetaGeoFitter().fit(summary["frequency"], summary["recency"], summary["T"])
t_fit = time.perf_counter()
repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]  # the > 0 only bites in --raw
ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
t_gg = time.perf_counter()
r, alpha, a, b = (float(bgf.params_[k]) for k in ("r", "alpha", "a", "b"))
x, tx, T = (summary[k].to_numpy(float) for k in ("frequency", "recency", "T"))
common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
alive = betaln(a, b + x) - betaln(a, b) + common - (r + x) * np.log(alpha + T)
with np.errstate(all="ignore"):
    dead = betaln(a + 1, b + np.maximum(x, 1) - 1) - betaln(a, b) + common - (r + x) * np.log(alpha + tx)
ll = float(np.logaddexp(alive, np.where(x > 0, dead, -np.inf)).sum())
se = bgf.summary["se(coef)"]
print(json.dumps({
    "customers": int(len(summary)), "repeatCustomers": int(len(repeat)),
    "sumFrequency": float(x.sum()),
    "parameters": {"r": r, "alpha": alpha, "a": a, "b": b},
    "standardErrors": {k: float(se[k]) for k in ("r", "alpha", "a", "b")},
    "logLikelihood": ll,
    "gammaGamma": {"p": float(ggf.params_["p"]), "q": float(ggf.params_["q"]), "gamma": float(ggf.params_["v"])},
    "seconds": {"import": t_import - t0, "read": t_read - t_import, "summary": t_summary - t_read,
                "fitBGNBD": t_fit - t_summary, "summaryPlusFit": t_fit - t_read, "fitGammaGamma": t_gg - t_fit},
}))
'''


class Crash(Exception):
    pass


def measure(command):
    """Run a whole process; return (wall seconds, peak RSS in MiB, returncode, stdout, stderr)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=err)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    return wall, usage.ru_maxrss / 1024.0, process.returncode, out.read().decode(), err.read().decode()


def run_json(command, what):
    wall, rss, code, stdout, stderr = measure(command)
    if code != 0:
        raise Crash(f"{what} exited {code}: {stderr.strip()[-800:]}")
    try:
        return wall, rss, json.loads(stdout)
    except json.JSONDecodeError:
        raise Crash(f"{what} printed no JSON object: {stdout[:300]!r} {stderr.strip()[-300:]}")


def write_orders(path):
    master = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_master.txt")
    rows = 0
    with open(master) as source, open(path, "w") as out:
        out.write("order_id,customer_id,order_date,amount\n")
        number = 0
        for line in source:
            fields = line.split()
            if len(fields) != 4 or not fields[1].isdigit():
                continue  # the header line
            number += 1
            customer, day, _, amount = fields
            out.write(f"{number},{customer},{day[:4]}-{day[4:6]}-{day[6:]},{amount}\n")
            rows += 1
    return master, rows


def find_loyalty(path):
    candidates = [path]
    if path == ".build/release/loyalty":
        candidates.append(".build/x86_64-unknown-linux-gnu/release/loyalty")
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loyalty", default=".build/release/loyalty")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (orders CSV, anchor, clv.csv)")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-clv-")
    try:
        return compare(args, folder)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def compare(args, folder):
    orders = os.path.join(folder, "cdnow_master_orders.csv")
    master, rows = write_orders(orders)
    anchor_script = os.path.join(folder, "anchor.py")
    with open(anchor_script, "w") as f:
        f.write(ANCHOR)
    anchor_command = [sys.executable, anchor_script, orders]
    print(f"orders: {orders} ({rows} lines from {master})")

    # The lifetimes half, once, before anything of ours.
    wall, rss, first = run_json(anchor_command, "lifetimes anchor")
    _, _, raw = run_json(anchor_command + ["--raw"], "lifetimes anchor (--raw)")
    p = first["parameters"]
    print(f"lifetimes BetaGeoFitter, {first['customers']} customers (days with net amount > 0): "
          f"r {p['r']:.6f} alpha {p['alpha']:.6f} a {p['a']:.6f} b {p['b']:.6f}, LL {first['logLikelihood']:.4f}; "
          f"summary+fit {first['seconds']['summaryPlusFit']:.2f} s, process {wall:.2f} s, {rss:.0f} MiB")
    q = raw["parameters"]
    print(f"  literal recipe without the > 0 filter, {raw['customers']} customers: r {q['r']:.6f} alpha {q['alpha']:.6f} "
          f"a {q['a']:.6f} b {q['b']:.6f}, LL {raw['logLikelihood']:.4f}")

    loyalty = find_loyalty(args.loyalty)
    if loyalty is None:
        print(f"\nloyalty binary not found at {args.loyalty}: build it (swift build -c release) and pass --loyalty PATH.",
              file=sys.stderr)
        return 2
    probe = subprocess.run([loyalty, "clv", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"\n{loyalty} has no working `clv` subcommand yet (`clv --help` exited {probe.returncode}: "
              f"{(probe.stderr or probe.stdout).strip()[:200]}); only the lifetimes half was checked.", file=sys.stderr)
        return 2

    out_csv = os.path.join(folder, "clv.csv")

    def ours_command(horizon):
        return [loyalty, "clv", "--orders", orders, "--as-of", AS_OF, "--horizon", horizon, "--model", "bgnbd",
                "--time-unit", "weeks", "--json", "--out", out_csv]

    horizon = "52w"
    wall, rss, code, stdout, stderr = measure(ours_command(horizon))
    if code != 0 and "horizon" in stderr.lower():
        print(f"--horizon 52w refused ({stderr.strip().splitlines()[-1][:120]}); using 364d")
        horizon = "364d"
    command = ours_command(horizon)
    print(f"ours: {' '.join(command)}")

    ours_runs, anchor_runs = [], []  # (wall, rss, json)
    for _ in range(args.runs):
        ours_runs.append(run_json(command, "loyalty clv"))
        anchor_runs.append(run_json(anchor_command, "lifetimes anchor"))

    ours, anchor = ours_runs[-1][2], anchor_runs[-1][2]
    print(f"\nCDNOW master, calibration through {AS_OF}, weeks: ours {ours.get('customers')} customers, "
          f"lifetimes {anchor['customers']}")
    print(f"{'parameter':<14} {'ours':>16} {'lifetimes':>16} {'|diff|':>10}")
    for name in ("r", "alpha", "a", "b"):
        o, l = ours["parameters"][name], anchor["parameters"][name]
        print(f"{name:<14} {o:>16.8f} {l:>16.8f} {abs(o - l):>10.2e}")
    for name in ("r", "alpha", "a", "b"):
        o = (ours.get("standardErrors") or {}).get(name)
        l = anchor["standardErrors"][name]
        if o is not None:
            print(f"{'se(' + name + ')':<14} {o:>16.8f} {l:>16.8f} {abs(o - l):>10.2e}")
    o, l = ours["logLikelihood"], anchor["logLikelihood"]
    print(f"{'log-lik':<14} {o:>16.4f} {l:>16.4f} {abs(o - l):>10.2e}")
    gg = (ours.get("gammaGamma") or {}).get("parameters")
    if gg:
        for name in ("p", "q", "gamma"):
            print(f"{'GG ' + name:<14} {gg[name]:>16.8f} {anchor['gammaGamma'][name]:>16.8f} "
                  f"{abs(gg[name] - anchor['gammaGamma'][name]):>10.2e}")
    print(f"ours: converged {ours.get('converged')}, gradientNorm {ours.get('gradientNorm')}, "
          f"iterations {ours.get('iterations')}, starts {ours.get('starts')}, boundary {ours.get('boundary')}")

    ours_wall = statistics.median(w for w, _, _ in ours_runs)
    anchor_wall = statistics.median(w for w, _, _ in anchor_runs)
    inside = statistics.median(j["seconds"]["summaryPlusFit"] for _, _, j in anchor_runs)
    fit_only = statistics.median(j["seconds"]["fitBGNBD"] for _, _, j in anchor_runs)
    print(f"\nwhole process, median of {args.runs} (alternating): ours {ours_wall:.3f} s, lifetimes {anchor_wall:.3f} s, "
          f"ratio ours/lifetimes {ours_wall / anchor_wall:.3f}")
    print(f"lifetimes in-process: summary + BG/NBD fit {inside:.3f} s (fit alone {fit_only:.3f} s)")
    print(f"peak RSS: ours {max(r for _, r, _ in ours_runs):.0f} MiB, lifetimes {max(r for _, r, _ in anchor_runs):.0f} MiB")
    print("walls: ours " + " ".join(f"{w:.3f}" for w, _, _ in ours_runs)
          + "; lifetimes " + " ".join(f"{w:.3f}" for w, _, _ in anchor_runs))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Crash as crash:
        print(f"crash: {crash}", file=sys.stderr)
        sys.exit(1)
