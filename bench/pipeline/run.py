#!/usr/bin/env python3
"""bench/pipeline: the whole weekly job (train, score, call list) with `loyalty` beside pandas + LightGBM, in one run.

Data: `loyalty generate --customers N --seed 42 --orders-only`, cached in bench/.data/pipeline-N/ (git-ignored);
default N = 1,000,000 (about 11.7 million orders). T = the last order date in the file, horizon 90 days.

Each step is a whole process under /usr/bin/time (wall time and peak memory, start-up included):
  loyalty train     --orders O --customers C --as-of T --horizon 90d --target all --models M --max-cutoffs 12
                    --quiet --json   (12 cutoffs, as the Python pipeline)
  loyalty score     --orders O --customers C --models M --as-of T --out scores.csv --quiet
  loyalty calllist  --scores scores.csv --customers C --capacity 1000 --mix retention=0.6,upgrade=0.4
                    --as-of T --out calllist.csv --quiet
  python            bench/pipeline/python_pipeline.py (pandas + LightGBM, 200 trees, 31 leaves, learning rate
                    0.1, 2 threads): the same job in one process; its own per-step timings are shown too.
Our time is the sum of the three commands, our memory the largest peak of the three. Out-of-time AUCs
(held-out cutoff T - H, models fitted on cutoffs <= T - 2H) come from `train --json` (any "auc" keys found)
and from the Python pipeline's JSON summary.

Usage: python3 bench/pipeline/run.py [--customers N] [--loyalty PATH] [--skip-python] [--skip-loyalty]
                                     [--write-results]
--write-results replaces the "## bench/pipeline" section of bench/RESULTS.md (or adds it at the top);
other sections are left alone.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "pipeline")
RESULTS = os.path.join(ROOT, "bench", "RESULTS.md")
sys.path.insert(0, os.path.join(ROOT, "bench", "ingest"))
from run import machine, timed  # noqa: E402

HORIZON_DAYS = 90
CAPACITY = 1000
MIX = "retention=0.6,upgrade=0.4"


def log(message):
    print(message, file=sys.stderr, flush=True)


def last_order_date(orders):
    """The last order date (yyyy-MM-dd) and the number of data rows (orders: one line each when generated)."""
    import pandas as pd
    dates = pd.read_csv(orders, usecols=["order_date"], dtype=str)["order_date"]
    last = pd.to_datetime(dates, format="ISO8601").max()
    return last.date().isoformat(), len(dates)


def find_aucs(report, path=""):
    """Every numeric value under a key containing "auc" in a JSON report, by its dotted path."""
    found = {}
    if isinstance(report, dict):
        for key, value in report.items():
            where = f"{path}.{key}" if path else str(key)
            if "auc" in str(key).lower() and isinstance(value, (int, float)) and not isinstance(value, bool):
                found[where] = value
            else:
                found.update(find_aucs(value, where))
    elif isinstance(report, list):
        for index, value in enumerate(report):
            found.update(find_aucs(value, f"{path}[{index}]"))
    return found


def write_results(section):
    text = open(RESULTS).read() if os.path.exists(RESULTS) else "# Benchmark results\n"
    heading = re.compile(r"^## (bench/)?pipeline\b.*$", re.M)
    match = heading.search(text)
    if match:
        following = re.compile(r"^## ", re.M).search(text, match.end())
        end = following.start() if following else len(text)
        text = text[:match.start()] + section.rstrip() + "\n\n" + text[end:].lstrip("\n")
    else:  # newest first: before the first section
        first = re.compile(r"^## ", re.M).search(text)
        at = first.start() if first else len(text)
        text = text[:at].rstrip("\n") + "\n\n" + section.rstrip() + "\n\n" + text[at:]
    with open(RESULTS, "w") as handle:
        handle.write(text.rstrip("\n") + "\n")
    log(f"wrote the pipeline section of {RESULTS}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000, help="customers of the generated data (default 1,000,000)")
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    parser.add_argument("--skip-python", action="store_true", help="measure loyalty only")
    parser.add_argument("--skip-loyalty", action="store_true", help="measure the Python pipeline only")
    parser.add_argument("--write-results", action="store_true", help="replace the pipeline section of bench/RESULTS.md")
    args = parser.parse_args()
    try:
        import lightgbm  # noqa: F401
        import pandas  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "lightgbm", "pandas", "scikit-learn"])
    if not os.path.exists(args.loyalty) and not args.skip_loyalty:
        subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT)

    folder = os.path.join(ROOT, "bench", ".data", f"pipeline-{args.customers}")
    orders, customers = os.path.join(folder, "orders.csv"), os.path.join(folder, "customers.csv")
    if not (os.path.exists(orders) and os.path.exists(customers)):
        log(f"generating {folder} ({args.customers:,} customers, seed 42; cached for later runs)")
        subprocess.check_call([args.loyalty, "generate", "--customers", str(args.customers), "--seed", "42",
                               "--out", folder, "--orders-only"], stdout=subprocess.DEVNULL)
    as_of, rows = last_order_date(orders)
    log(f"{orders}: {rows:,} orders, {args.customers:,} customers, as of {as_of}")

    table = ["| step | tool | wall s | peak MB |", "|---|---|---|---|"]
    aucs, notes = [], []
    ours = theirs = None
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as work:
        if not args.skip_loyalty:
            models, scores, calllist = (os.path.join(work, name) for name in ("models", "scores.csv", "calllist.csv"))
            steps = [
                ("train", [args.loyalty, "train", "--orders", orders, "--customers", customers, "--as-of", as_of,
                           "--horizon", f"{HORIZON_DAYS}d", "--target", "all", "--models", models, "--max-cutoffs", "12",
                           "--quiet", "--json"]),
                ("score", [args.loyalty, "score", "--orders", orders, "--customers", customers, "--models", models,
                           "--as-of", as_of, "--out", scores, "--quiet"]),
                ("calllist", [args.loyalty, "calllist", "--scores", scores, "--customers", customers,
                              "--capacity", str(CAPACITY), "--mix", MIX, "--as-of", as_of, "--out", calllist, "--quiet"]),
            ]
            results = []
            for name, command in steps:
                log(f"loyalty {name}")
                seconds, megabytes, out = timed(command)
                results.append((seconds, megabytes))
                table.append(f"| {name} | loyalty {name} | {seconds:.2f} | {megabytes:,.0f} |")
                log(table[-1])
                if name == "train":
                    try:
                        found = find_aucs(json.loads(out))
                        aucs += [f"- loyalty train: `{key}` = {value:.5f}" for key, value in found.items()]
                    except ValueError:
                        notes.append("(`loyalty train --json` printed no JSON object: no AUCs read)")
            ours = (sum(s for s, _ in results), max(m for _, m in results))
            table.append(f"| **whole job** | **loyalty (3 processes)** | **{ours[0]:.2f}** | **{ours[1]:,.0f}** |")
        if not args.skip_python:
            log("python pipeline (pandas + LightGBM)")
            seconds, megabytes, out = timed([sys.executable, os.path.join(HERE, "python_pipeline.py"),
                                             "--orders", orders, "--customers", customers, "--as-of", as_of,
                                             "--horizon-days", str(HORIZON_DAYS), "--out", os.path.join(work, "python")])
            theirs = (seconds, megabytes)
            summary = json.loads(out.strip().splitlines()[-1])
            for step_name, step_seconds in summary["timings"].items():
                table.append(f"| {step_name} | pandas + LightGBM (in-process) | {step_seconds:.2f} | |")
            table.append(f"| **whole job** | **pandas + LightGBM (1 process)** | **{seconds:.2f}** | **{megabytes:,.0f}** |")
            log(table[-1])
            aucs += [f"- pandas + LightGBM: {target} = {value:.5f}" if value is not None else
                     f"- pandas + LightGBM: {target} = n/a" for target, value in summary["out_of_time_auc"].items()]
            notes.append(f"Python pipeline: {len(summary['cutoffs'])} cutoffs ({summary['cutoffs'][-1]} to "
                         f"{summary['cutoffs'][0]}), training rows {summary['training_rows']}, "
                         f"{summary['scored']:,} customers scored, {summary['called']:,} on the call list.")

    today = datetime.date.today().isoformat()
    command = "python3 bench/pipeline/run.py" + "".join(f" {arg}" for arg in sys.argv[1:] if arg != "--write-results")
    output = [f"## bench/pipeline ({today})", "",
              f"`{command}` (the weekly job: train churn and loyal-candidate models over stacked cutoffs, score, "
              f"write a {CAPACITY:,}-call list; each step a whole process, one run each).", "",
              f"Machine: {machine()}", f"Date: {today}", "",
              f"{rows:,} orders, {args.customers:,} customers (generated, seed 42), as of {as_of}, "
              f"horizon {HORIZON_DAYS} days", "", *table, ""]
    if ours and theirs:
        output += [f"Ratio: pandas + LightGBM time ÷ loyalty time = {theirs[0] / ours[0]:.2f} "
                   f"({'loyalty faster' if theirs[0] > ours[0] else 'loyalty slower'}); "
                   f"memory {theirs[1] / ours[1]:.1f}× ours.", ""]
    if aucs:
        output += ["Out-of-time AUC (held-out cutoff T − 90 days, models fitted on cutoffs ≤ T − 180 days):", "",
                   *aucs, ""]
    output += notes
    section = "\n".join(output).rstrip() + "\n"
    print(section)
    if args.write_results:
        write_results(section)


if __name__ == "__main__":
    main()
