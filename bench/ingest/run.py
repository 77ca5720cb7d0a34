#!/usr/bin/env python3
"""bench/ingest: reading order files with `loyalty inspect` beside pandas and polars, in one run.

Every reader runs in its own process under /usr/bin/time, so wall time and peak memory (max RSS) are
per reader. Each is run --repeat times (default 3); the best wall time is reported with its peak memory.

Readers:
  loyalty inspect      parse and validate every field, sum lines into orders, register customers
  pandas read_csv      pd.read_csv(path, parse_dates=[date column])
  pandas + orders      the same, then group lines into orders (order id, customer) as loyalty does
  polars read_csv      pl.read_csv(path, try_parse_dates=True)
  polars + orders      the same, then group_by into orders

Usage: python3 bench/ingest/run.py [--quick] [--customers N] [--repeat K] [--loyalty PATH] [--skip-loyalty]
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ONLINE_RETAIL = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "online-retail.csv.gz")
DATA = os.path.join(ROOT, "bench", ".data")


def ensure_anchors():
    try:
        import pandas  # noqa: F401
        import polars  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "pandas", "polars"])


def timed(command):
    """Runs command under /usr/bin/time; returns (seconds, peak MB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        result = subprocess.run(["/usr/bin/time", "-o", timing.name, "-f", "%e %M"] + command,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{command} failed: {result.stderr[-2000:]}")
        seconds, kilobytes = timing.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024, result.stdout


def best_of(command, repeat):
    runs = [timed(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run[0])


PANDAS = """
import pandas as pd, sys
df = pd.read_csv(sys.argv[1], parse_dates=[sys.argv[2]])
if sys.argv[3] == "orders":
    if "amount" not in df.columns:
        df["amount"] = df["Quantity"] * df["UnitPrice"]
    customer, order = sys.argv[4], sys.argv[5]
    df = df[df[customer].notna()]
    orders = df.groupby([customer, order], sort=False).agg(day=(sys.argv[2], "min"), amount=("amount", "sum"))
    print(len(orders))
else:
    print(len(df))
"""

POLARS = """
import polars as pl, sys
df = pl.read_csv(sys.argv[1], try_parse_dates=True, infer_schema_length=10000)
if sys.argv[3] == "orders":
    if "amount" not in df.columns:
        df = df.with_columns((pl.col("Quantity") * pl.col("UnitPrice")).alias("amount"))
    customer, order = sys.argv[4], sys.argv[5]
    orders = (df.filter(pl.col(customer).is_not_null())
                .group_by([customer, order], maintain_order=True)
                .agg(pl.col(sys.argv[2]).min(), pl.col("amount").sum()))
    print(orders.height)
else:
    print(df.height)
"""


def machine():
    model = ""
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_kb = int(info.readline().split()[1])
    return f"{os.cpu_count()} cores, {model}, {memory_kb / 1024 / 1024:.0f} GiB, {platform.platform()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a 20,000-customer generated file instead of ~10M orders")
    parser.add_argument("--customers", type=int, default=None, help="customers of the generated file (default 840,000: about 10M orders)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    parser.add_argument("--skip-loyalty", action="store_true")
    args = parser.parse_args()
    customers = args.customers or (20_000 if args.quick else 840_000)

    ensure_anchors()
    if not args.skip_loyalty and not os.path.exists(args.loyalty):
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT)

    os.makedirs(DATA, exist_ok=True)
    datasets = []
    if os.path.exists(ONLINE_RETAIL):
        plain = os.path.join(DATA, "online-retail.csv")
        if not os.path.exists(plain):
            with gzip.open(ONLINE_RETAIL, "rb") as source, open(plain, "wb") as target:
                shutil.copyfileobj(source, target)
        datasets.append(("Online Retail (541,909 lines)", plain, "InvoiceDate", "CustomerID", "InvoiceNo", ONLINE_RETAIL))
    generated = os.path.join(DATA, f"generated-{customers}")
    orders_file = os.path.join(generated, "orders.csv")
    if not os.path.exists(orders_file):
        if args.skip_loyalty:
            sys.exit("the generated file needs the loyalty binary; run without --skip-loyalty once")
        subprocess.check_call([args.loyalty, "generate", "--customers", str(customers), "--seed", "7",
                               "--out", generated, "--orders-only"])
    with open(orders_file, "rb") as handle:
        rows = sum(1 for _ in handle) - 1
    datasets.append((f"generated ({rows:,} orders)", orders_file, "order_date", "customer_id", "order_id", None))

    lines = [f"Machine: {machine()}", f"Date: {datetime.date.today().isoformat()}", "",
             "| data | reader | best wall s | rows/s | peak MB | pandas ÷ loyalty | polars ÷ loyalty |",
             "|---|---|---|---|---|---|---|"]
    for label, path, date_column, customer_column, order_column, gz in datasets:
        with open(path, "rb") as handle:
            count = sum(1 for _ in handle) - 1
        results = {}
        if not args.skip_loyalty:
            seconds, megabytes, out = best_of([args.loyalty, "inspect", "--orders", path, "--json"], args.repeat)
            report = json.loads(out)
            results["loyalty inspect"] = (seconds, megabytes, f"{report['rows']:,} rows, {report['orders']:,} orders")
            if gz:
                seconds, megabytes, _ = best_of([args.loyalty, "inspect", "--orders", gz, "--json"], args.repeat)
                results["loyalty inspect (.gz)"] = (seconds, megabytes, "")
        for name, script, mode in [("pandas read_csv", PANDAS, "read"), ("pandas + orders", PANDAS, "orders"),
                                   ("polars read_csv", POLARS, "read"), ("polars + orders", POLARS, "orders")]:
            seconds, megabytes, _ = best_of([sys.executable, "-c", script, path, date_column, mode,
                                             customer_column, order_column], args.repeat)
            results[name] = (seconds, megabytes, "")
        ours = results.get("loyalty inspect", (None,))[0]
        for name, (seconds, megabytes, note) in results.items():
            pandas_ratio = polars_ratio = ""
            if name == "loyalty inspect":
                pandas_ratio = f"{results['pandas read_csv'][0] / ours:.2f}× ({results['pandas + orders'][0] / ours:.2f}× with orders)"
                polars_ratio = f"{results['polars read_csv'][0] / ours:.2f}× ({results['polars + orders'][0] / ours:.2f}× with orders)"
            lines.append(f"| {label} | {name} | {seconds:.2f} | {count / seconds:,.0f} | {megabytes:,.0f} | {pandas_ratio} | {polars_ratio} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
