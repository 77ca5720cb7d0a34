#!/usr/bin/env python3
"""bench/quality: out-of-time quality of `loyalty train` beside scikit-learn and LightGBM anchors.

    swift build -c release && python3 bench/quality/run.py [--only sample,online-retail]

Environment: LOYALTY (the binary, default .build/release/loyalty), OUT (work folder, default
bench/.data/quality). Runs from the repository root whatever the current folder.

Data sets (horizon 90d in both):
  sample         notebooks-data/{orders,customers,events,surveys}.csv, T = 2024-10-02
  online-retail  ../shared/datasets/online-retail.csv.gz (UCI Online Retail, orders only), T = 2011-09-10

Protocol, per data set (every model sees the same features, cutoffs and labels):
  1. Ours: `loyalty train <inputs> --as-of T --horizon 90d --models OUT/<name>-models --quiet`, then
     `loyalty evaluate <inputs> --as-of T --models OUT/<name>-models --json --quiet` into
     OUT/<name>-evaluate.json; our ROC AUC, log loss, Brier and rows are the `model` entry of each target's
     result (the bundle's `chosen` model, refitted on all training cutoffs, scored at T against T..T+90d).
  2. From each bundle OUT/<name>-models/<target>.json: `cutoffs` (latest first), `model.featureNames`,
     `settings.stepDays`, `chosen`.
  3. Anchor training table: `loyalty features <inputs> --as-of cutoffs[0] --stack-cutoffs len(cutoffs)
     --step-days stepDays --labels-horizon 90d --out OUT/<name>-train.csv`. Its `cutoff` column must hold
     exactly the bundle's cutoffs, and each target's labelled row count must equal the bundle's
     `populationRows` (the rows ours trained on, before any --max-training-rows sampling).
  4. Evaluation table: `loyalty features <inputs> --as-of T --labels-horizon 90d --out OUT/<name>-eval.csv`.
     A target's population is the rows with a label (label_churn / label_loyal_candidate: 1, 0, or empty
     outside the population); its row count and positive count must equal evaluate's `rows` and
     rows * `positiveRate`.
  5. Anchors, fitted per target on all labelled training rows (features = the bundle's feature names in
     that order, empty cells NaN), predicted on the evaluation population:
       sklearn LR: Pipeline(SimpleImputer(median), FunctionTransformer(sign(x) * log1p(|x|)),
                   StandardScaler(), LogisticRegression(max_iter=1000))   (C = 1.0)
       LightGBM:   LGBMClassifier(verbose=-1, random_state=0, n_jobs=2)   (defaults otherwise; NaN native)
     Metrics from sklearn.metrics: roc_auc_score, log_loss, brier_score_loss. Fit seconds are in-process,
     for information.
  6. Goal per data set and target: ours' AUC at least 0.01 above the better anchor's AUC, and ours' log loss
     below the better anchor's log loss ("better" taken per metric: the higher anchor AUC, the lower anchor
     log loss). The report prints both differences and "goal met" / "goal not met".

Prints machine, date, the table and the verdicts, and writes the same markdown to OUT/quality.md.
Exit status: 0 after a complete report (whether or not the goal is met); 1 on a protocol mismatch (cutoffs,
row or positive counts, missing features) or when a loyalty command fails; 2 when the binary is missing.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HORIZON = "90d"
TARGETS = (("churn", "label_churn"), ("loyal-candidate", "label_loyal_candidate"))
DATASETS = (
    ("sample", "2024-10-02", ["--orders", "notebooks-data/orders.csv", "--customers", "notebooks-data/customers.csv",
                              "--events", "notebooks-data/events.csv", "--surveys", "notebooks-data/surveys.csv"]),
    ("online-retail", "2011-09-10", ["--orders", "../shared/datasets/online-retail.csv.gz"]),
)


class Mismatch(Exception):
    """The anchors would not see what ours saw: the comparison is void."""


class ToolFailure(Exception):
    pass


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


def run(command, stdout_path=None):
    """Run a loyalty command; return its wall seconds. stdout goes to stdout_path when given."""
    start = time.perf_counter()
    if stdout_path:
        with open(stdout_path, "w") as out:
            done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True)
    else:
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise ToolFailure(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-800:]}")
    return wall


def read_table(path):
    import pandas as pd
    # Only empty cells are missing (no "NA"/"null" guessing); ids and cutoffs stay text.
    return pd.read_csv(path, dtype={"customer_id": str, "cutoff": str}, keep_default_na=False, na_values=[""])


def labelled(table, label):
    rows = table[table[label].notna()]
    values = set(rows[label].unique())
    if not values <= {0, 1}:
        raise Mismatch(f"{label} holds values other than 0, 1 and empty: {sorted(values)[:10]}")
    return rows


def anchors():
    import numpy as np
    from lightgbm import LGBMClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    def logistic():
        return Pipeline([
            ("impute", SimpleImputer(strategy="median")),
            ("signed_log1p", FunctionTransformer(lambda x: np.sign(x) * np.log1p(np.abs(x)))),
            ("scale", StandardScaler()),
            ("model", LogisticRegression(max_iter=1000)),
        ])

    def lightgbm():
        return LGBMClassifier(verbose=-1, random_state=0, n_jobs=2)

    return (("sklearn LR", logistic), ("LightGBM", lightgbm))


def metrics(y, p):
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    return {"auc": roc_auc_score(y, p), "logloss": log_loss(y, p, labels=[0, 1]), "brier": brier_score_loss(y, p)}


def dataset(loyalty, out, name, as_of, inputs, notes):
    """Everything for one data set; returns the table rows and verdicts."""
    import numpy as np

    models = os.path.join(out, f"{name}-models")
    shutil.rmtree(models, ignore_errors=True)
    train_seconds = run([loyalty, "train", *inputs, "--as-of", as_of, "--horizon", HORIZON, "--models", models, "--quiet"])
    evaluate_path = os.path.join(out, f"{name}-evaluate.json")
    run([loyalty, "evaluate", *inputs, "--as-of", as_of, "--models", models, "--json", "--quiet"], evaluate_path)
    with open(evaluate_path) as f:
        evaluation = {result["target"]: result for result in json.load(f)["results"]}
    bundles = {}
    for target, _ in TARGETS:
        with open(os.path.join(models, f"{target}.json")) as f:
            bundles[target] = json.load(f)
        if target not in evaluation:
            raise Mismatch(f"{name}: evaluate printed no result for {target}")
    print(f"{name}: ours trained in {train_seconds:.1f} s (whole `train` process)")

    first = bundles[TARGETS[0][0]]
    cutoffs, step = first["cutoffs"], first["settings"]["stepDays"]
    for target, _ in TARGETS[1:]:
        other = bundles[target]
        if other["cutoffs"] != cutoffs or other["settings"]["stepDays"] != step:
            raise Mismatch(f"{name}: {target} bundle cutoffs/step {other['cutoffs']}/{other['settings']['stepDays']} "
                           f"differ from {TARGETS[0][0]}'s {cutoffs}/{step}")

    train_path = os.path.join(out, f"{name}-train.csv")
    eval_path = os.path.join(out, f"{name}-eval.csv")
    run([loyalty, "features", *inputs, "--as-of", cutoffs[0], "--stack-cutoffs", str(len(cutoffs)),
         "--step-days", str(step), "--labels-horizon", HORIZON, "--out", train_path])
    run([loyalty, "features", *inputs, "--as-of", as_of, "--labels-horizon", HORIZON, "--out", eval_path])
    train, test = read_table(train_path), read_table(eval_path)
    table_cutoffs = sorted(train["cutoff"].unique(), reverse=True)
    if table_cutoffs != cutoffs:
        raise Mismatch(f"{name}: training table cutoffs {table_cutoffs} != bundle cutoffs {cutoffs}")
    print(f"{name}: {len(cutoffs)} training cutoffs {cutoffs[-1]} ... {cutoffs[0]} (step {step} d), "
          f"training table {len(train):,} rows, evaluation table {len(test):,} rows")

    rows, verdicts = [], []
    for target, label in TARGETS:
        bundle, result = bundles[target], evaluation[target]
        features = bundle["model"]["featureNames"]
        missing = [f for f in features if f not in train.columns or f not in test.columns]
        if missing:
            raise Mismatch(f"{name}/{target}: bundle features missing from the features tables: {missing}")
        ours = result["model"]
        if ours["model"] != bundle["chosen"]:
            raise Mismatch(f"{name}/{target}: evaluate scored {ours['model']}, the bundle chose {bundle['chosen']}")

        fit_rows, eval_rows = labelled(train, label), labelled(test, label)
        population = bundle.get("populationRows", bundle["trainingRows"])
        if len(fit_rows) != population:
            raise Mismatch(f"{name}/{target}: training table has {len(fit_rows)} labelled rows, "
                           f"the bundle's population is {population} rows")
        if bundle["trainingRows"] != population:
            notes.append(f"{name}/{target}: ours fitted on a sample of {bundle['trainingRows']:,} of {population:,} "
                         f"rows (--max-training-rows); the anchors on all {population:,}")
        y_test = eval_rows[label].to_numpy(int)
        positives_ours = round(ours["rows"] * ours["positiveRate"])
        if len(eval_rows) != ours["rows"] or int(y_test.sum()) != positives_ours:
            raise Mismatch(f"{name}/{target}: evaluation table has {len(eval_rows)} labelled rows "
                           f"({int(y_test.sum())} positive), evaluate reports {ours['rows']} rows "
                           f"({positives_ours} positive)")

        x_fit = fit_rows[features].to_numpy(float)
        y_fit = fit_rows[label].to_numpy(int)
        x_test = eval_rows[features].to_numpy(float)
        positive_rate = float(y_test.mean())
        rows.append((name, target, f"ours ({bundle['chosen']})", len(eval_rows), positive_rate,
                     {"auc": ours["rocAUC"], "logloss": ours["logLoss"], "brier": ours["brierScore"]}, None))
        scored = {}
        for anchor, make in anchors():
            model = make()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                start = time.perf_counter()
                model.fit(x_fit, y_fit)
                seconds = time.perf_counter() - start
            for w in caught:
                if "converge" in str(w.message).lower():
                    notes.append(f"{name}/{target}/{anchor}: {str(w.message).splitlines()[0]}")
            p = model.predict_proba(x_test)[:, 1]
            scored[anchor] = metrics(y_test, p)
            rows.append((name, target, anchor, len(eval_rows), positive_rate, scored[anchor], seconds))
        best_auc_anchor = max(scored, key=lambda a: scored[a]["auc"])
        best_ll_anchor = min(scored, key=lambda a: scored[a]["logloss"])
        d_auc = ours["rocAUC"] - scored[best_auc_anchor]["auc"]
        d_ll = ours["logLoss"] - scored[best_ll_anchor]["logloss"]
        met = d_auc >= 0.01 and d_ll < 0
        verdicts.append(f"- {name} / {target}: ours {bundle['chosen']}; AUC ours − best anchor ({best_auc_anchor}) "
                        f"= {d_auc:+.4f} (need ≥ +0.0100), log loss ours − best anchor ({best_ll_anchor}) "
                        f"= {d_ll:+.4f} (need < 0): **{'goal met' if met else 'goal not met'}**")
        print(f"{name}/{target}: {len(fit_rows):,} training rows, {len(eval_rows):,} evaluation rows, "
              f"{'met' if met else 'not met'}")
    return rows, verdicts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated data set names (default: all): "
                                       + ", ".join(name for name, _, _ in DATASETS))
    args = parser.parse_args()
    try:
        import lightgbm  # noqa: F401
        import pandas  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "lightgbm", "pandas", "scikit-learn"])
    import lightgbm
    import sklearn

    os.chdir(ROOT)
    loyalty = os.path.abspath(os.environ.get("LOYALTY", ".build/release/loyalty"))
    out = os.path.abspath(os.environ.get("OUT", "bench/.data/quality"))
    if not (os.path.isfile(loyalty) and os.access(loyalty, os.X_OK)):
        print(f"loyalty binary not found at {loyalty}: swift build -c release, or set LOYALTY", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    chosen = [d for d in DATASETS if not args.only or d[0] in args.only.split(",")]

    header = [f"Machine: {machine()}", f"Date: {datetime.date.today().isoformat()}",
              f"Binary: {loyalty}; scikit-learn {sklearn.__version__}, LightGBM {lightgbm.__version__}; "
              f"horizon {HORIZON}", ""]
    print("\n".join(header))
    start = time.perf_counter()
    rows, verdicts, notes = [], [], []
    try:
        for name, as_of, inputs in chosen:
            r, v = dataset(loyalty, out, name, as_of, inputs, notes)
            rows += r
            verdicts += v
    except Mismatch as mismatch:
        print(f"\nPROTOCOL MISMATCH: {mismatch}", file=sys.stderr)
        return 1
    except ToolFailure as failure:
        print(f"\nloyalty failed: {failure}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start

    as_of = {name: date for name, date, _ in DATASETS}
    lines = header + ["| data set (T) | target | model | rows | positive rate | ROC AUC | log loss | Brier | fit s |",
                      "|---|---|---|---|---|---|---|---|---|"]
    for name, target, model, n, rate, m, seconds in rows:
        lines.append(f"| {name} ({as_of[name]}) | {target} | {model} | {n:,} | {rate:.4f} | {m['auc']:.4f} | "
                     f"{m['logloss']:.4f} | {m['brier']:.4f} | {'-' if seconds is None else f'{seconds:.2f}'} |")
    lines += ["", "Goal: AUC at least 0.01 above the better anchor's and log loss below the better anchor's.", ""]
    lines += verdicts
    if notes:
        lines += ["", "Notes:"] + [f"- {note}" for note in notes]
    lines += ["", f"Total run time {elapsed:.1f} s (fit s: in-process anchor fit; ours is fitted by `loyalty train`)."]
    report = "\n".join(lines) + "\n"
    print()
    print("\n".join(lines[len(header):]))  # the header is already on top
    with open(os.path.join(out, "quality.md"), "w") as f:
        f.write(report)
    print(f"wrote {os.path.relpath(os.path.join(out, 'quality.md'), ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
