#!/usr/bin/env python3
"""bench/ingest: reading order files with `loyalty inspect` beside pandas and polars, in one run.

Every reader runs in its own child process under /usr/bin/time -f "%e %M", so wall time and peak memory
(max RSS) are per reader and include start-up (for pandas and polars: Python and the imports). Each is
run --repeat times (default 3); the best wall time is reported with the peak memory of that run.

Readers:
  loyalty inspect        loyalty inspect --orders FILE --json: parse and validate every field, sum lines
                         into orders, register customers, flag returns, count guests
  loyalty inspect (.gz)  the same on the gzip-compressed Online Retail file (extra row)
  pandas read_csv        pd.read_csv(path, parse_dates=[date column])
  pandas + orders        the same, then group lines into orders (customer, order id) as loyalty does
  polars read_csv        pl.read_csv(path, try_parse_dates=True, infer_schema_length=10000)
                         (with the default 100 rows polars fails on Online Retail: "C537132" is not i64)
  polars + orders        the same, then group_by into orders

Data:
  Online Retail          ../shared/datasets/online-retail.csv.gz, decompressed once into a temporary
                         directory so that every reader reads the same plain CSV
  generated              loyalty generate --customers N --seed 7 --orders-only, cached in bench/.data/
                         (git-ignored); default N = 840,000 (about 9.85M orders), --quick: 20,000

Usage: python3 bench/ingest/run.py [--quick] [--customers N] [--repeat K] [--only online-retail|generated]
                                   [--loyalty PATH] [--skip-loyalty]
Prints a Markdown section (machine, date, table, ratios) to paste into bench/RESULTS.md.
"""
import argparse
import datetime
import gzip
import importlib.util
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
FULL_CUSTOMERS = 840_000   # about 9.85 million orders with seed 7
QUICK_CUSTOMERS = 20_000   # about 230,000 orders


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_anchors():
    missing = [name for name in ("pandas", "polars") if importlib.util.find_spec(name) is None]
    if missing:
        log(f"pip-installing {' '.join(missing)} for {sys.executable}")
        if subprocess.call([sys.executable, "-m", "pip", "install", "-q"] + missing) != 0:
            sys.exit(f"could not pip-install {' '.join(missing)} (an externally managed Python refuses); "
                     "run the bench with a Python that has them, e.g. from a venv: "
                     "python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pandas polars && "
                     "/tmp/venv/bin/python bench/ingest/run.py")


def ensure_loyalty(path):
    """Returns True when the binary is there (building it with `swift build -c release` if missing)."""
    if os.path.exists(path):
        return True
    log(f"{path} is missing: running `swift build -c release` in {ROOT}")
    try:
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        log(f"SKIPPING loyalty: the release build failed ({error}); only pandas and polars are measured")
        return False
    if not os.path.exists(path):
        log(f"SKIPPING loyalty: the build succeeded but {path} is still missing")
        return False
    return True


def timed(command):
    """Runs command under /usr/bin/time; returns (wall seconds, peak RSS MB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        result = subprocess.run(["/usr/bin/time", "-o", timing.name, "-f", "%e %M"] + command,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)[:300]} failed ({result.returncode}): {result.stderr[-2000:]}")
        seconds, kilobytes = timing.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024, result.stdout


def best_of(command, repeat):
    runs = [timed(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run[0])


PANDAS = """
import pandas as pd, sys
path, date, mode, customer, order = sys.argv[1:6]
df = pd.read_csv(path, parse_dates=[date])
if mode == "orders":
    if "amount" not in df.columns:
        df["amount"] = df["Quantity"] * df["UnitPrice"]
    df = df[df[customer].notna()]
    orders = df.groupby([customer, order], sort=False).agg(day=(date, "min"), amount=("amount", "sum"))
    print(len(df), len(orders))
else:
    print(len(df), "")
"""

POLARS = """
import polars as pl, sys
path, date, mode, customer, order = sys.argv[1:6]
df = pl.read_csv(path, try_parse_dates=True, infer_schema_length=10000)
if mode == "orders":
    if "amount" not in df.columns:
        df = df.with_columns((pl.col("Quantity") * pl.col("UnitPrice")).alias("amount"))
    df = df.filter(pl.col(customer).is_not_null())
    orders = df.group_by([customer, order], maintain_order=True).agg(pl.col(date).min(), pl.col("amount").sum())
    print(df.height, orders.height)
else:
    print(df.height, "")
"""


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_kb = int(info.readline().split()[1])
    cores = len(os.sched_getaffinity(0))  # what nproc reports
    return f"{cores} cores (nproc), {model}, {memory_kb / 1024 / 1024:.0f} GiB, {platform.platform()}"


def count_lines(path):
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b"")) - 1


def results_loyalty_mb(results):
    return next(megabytes for name, (_, megabytes) in results.items()
                if name.startswith("loyalty inspect") and "(.gz)" not in name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"a {QUICK_CUSTOMERS:,}-customer generated file instead of ~10M orders")
    parser.add_argument("--customers", type=int, default=None,
                        help=f"customers of the generated file (default {FULL_CUSTOMERS:,}: about 10M orders)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader; the best is kept (default 3)")
    parser.add_argument("--only", choices=["online-retail", "generated"], help="measure one data set only")
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"),
                        help="the loyalty binary (default .build/release/loyalty, built if missing)")
    parser.add_argument("--skip-loyalty", action="store_true", help="measure pandas and polars only")
    args = parser.parse_args()
    customers = args.customers or (QUICK_CUSTOMERS if args.quick else FULL_CUSTOMERS)

    ensure_anchors()
    use_loyalty = not args.skip_loyalty and ensure_loyalty(args.loyalty)
    scratch = tempfile.mkdtemp(prefix="bench-ingest-")
    try:
        datasets = []
        if args.only in (None, "online-retail"):
            if os.path.exists(ONLINE_RETAIL):
                plain = os.path.join(scratch, "online-retail.csv")
                with gzip.open(ONLINE_RETAIL, "rb") as source, open(plain, "wb") as target:
                    shutil.copyfileobj(source, target, 1 << 24)
                lines = count_lines(plain)
                datasets.append((f"Online Retail ({lines:,} lines)", plain, lines,
                                 "InvoiceDate", "CustomerID", "InvoiceNo", ONLINE_RETAIL))
            else:
                log(f"SKIPPING Online Retail: {ONLINE_RETAIL} not found")
        if args.only in (None, "generated"):
            folder = os.path.join(DATA, f"generated-{customers}")
            orders_file = os.path.join(folder, "orders.csv")
            if not os.path.exists(orders_file) and use_loyalty:
                log(f"generating {orders_file} ({customers:,} customers, seed 7; cached for later runs)")
                os.makedirs(DATA, exist_ok=True)
                subprocess.check_call([args.loyalty, "generate", "--customers", str(customers), "--seed", "7",
                                       "--out", folder, "--orders-only"], stdout=subprocess.DEVNULL)
            if os.path.exists(orders_file):
                rows = count_lines(orders_file)
                datasets.append((f"generated ({rows:,} orders)", orders_file, rows,
                                 "order_date", "customer_id", "order_id", None))
            else:
                log(f"SKIPPING the generated file: {orders_file} is missing and needs the loyalty binary")

        table = ["| data | reader | best wall s | rows/s | peak MB | pandas ÷ loyalty | polars ÷ loyalty |",
                 "|---|---|---|---|---|---|---|"]
        ratios, checks = [], []
        for label, path, rows, date_column, customer_column, order_column, gz in datasets:
            results = {}
            if use_loyalty:
                targets = [("loyalty inspect", path)] + ([("loyalty inspect (.gz)", gz)] if gz else [])
                for name, target in targets:
                    log(f"{label}: {name}")
                    command = [args.loyalty, "inspect", "--orders", target, "--json"]
                    try:
                        seconds, megabytes, out = best_of(command, args.repeat)
                    except RuntimeError as error:
                        log(f"  strict read failed, retrying with --on-bad-rows skip: {str(error)[:300]}")
                        name += " (skip bad rows)"
                        seconds, megabytes, out = best_of(command + ["--on-bad-rows", "skip"], args.repeat)
                    report = json.loads(out)
                    results[name] = (seconds, megabytes)
                    checks.append(f"{label}, {name}: " + ", ".join(
                        f"{key} {report[key]:,}" if isinstance(report.get(key), int) else f"{key} {report.get(key)}"
                        for key in ("rows", "orders", "customers", "guestRows", "returnRows", "badRows")))
                    if report.get("rows") != rows:
                        checks.append(f"  WARNING: loyalty read {report.get('rows')} rows, the file has {rows:,}")
            for name, script, mode in [("pandas read_csv", PANDAS, "read"), ("pandas + orders", PANDAS, "orders"),
                                       ("polars read_csv", POLARS, "read"), ("polars + orders", POLARS, "orders")]:
                log(f"{label}: {name}")
                seconds, megabytes, out = best_of([sys.executable, "-c", script, path, date_column, mode,
                                                   customer_column, order_column], args.repeat)
                results[name] = (seconds, megabytes)
                read, orders = (out.split() + [""])[:2]
                if int(read) != rows and mode == "read":
                    checks.append(f"  WARNING: {name} read {read} rows, the file has {rows:,}")
                if orders:
                    checks.append(f"{label}, {name}: {int(orders):,} customer orders")
            ours = next((results[name][0] for name in results if name.startswith("loyalty inspect") and "(.gz)" not in name), None)
            for name, (seconds, megabytes) in results.items():
                pandas_ratio = polars_ratio = ""
                if ours is not None and name.startswith("loyalty inspect") and "(.gz)" not in name:
                    pandas_ratio = f"{results['pandas read_csv'][0] / ours:.2f}× ({results['pandas + orders'][0] / ours:.2f}× with orders)"
                    polars_ratio = f"{results['polars read_csv'][0] / ours:.2f}× ({results['polars + orders'][0] / ours:.2f}× with orders)"
                table.append(f"| {label} | {name} | {seconds:.2f} | {rows / seconds:,.0f} | {megabytes:,.0f} "
                             f"| {pandas_ratio} | {polars_ratio} |")
            if ours is not None:
                for anchor in ("pandas read_csv", "pandas + orders", "polars read_csv", "polars + orders"):
                    ratio = results[anchor][0] / ours
                    ratios.append(f"- {label}: {anchor} ÷ loyalty inspect = {ratio:.2f} "
                                  f"({'loyalty faster' if ratio > 1 else 'loyalty slower'}; "
                                  f"memory {results[anchor][1] / results_loyalty_mb(results):.1f}× ours)")

        today = datetime.date.today().isoformat()
        command = "python3 bench/ingest/run.py" + "".join(f" {arg}" for arg in sys.argv[1:])
        output = [f"## bench/ingest ({today})", "",
                  f"`{command}` (best of {args.repeat} runs per reader, each in its own process, start-up included).",
                  "", f"Machine: {machine()}", f"Date: {today}", "", *table, ""]
        if ratios:
            output += ["Ratios (time of the anchor ÷ time of `loyalty inspect`; above 1 means we are faster):", "",
                       *ratios, ""]
        else:
            output += ["(loyalty not measured: no ratios)", ""]
        output += ["Rows and orders each reader found:", "", *[f"- {line}" if not line.startswith("  ") else line
                                                              for line in checks]]
        print("\n".join(output))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
