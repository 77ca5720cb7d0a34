#!/usr/bin/env python3
"""Runs `loyalty export-sql`'s query in DuckDB, PostgreSQL or Spark on a features CSV and compares its
probabilities with `loyalty score --full-precision`'s, customer by customer.

    python3 bench/warehouse-check/check_scores.py --features features.csv --sql score.sql \
        --scores scores.csv [--tolerance 1e-9] [--table features] \
        [--engine duckdb | --engine postgres --psql "-h 127.0.0.1 -p 54329 -U postgres" | --engine spark]

PostgreSQL is driven through its own client, `psql` (the table loaded with `\\copy`, the result read
with `--csv`); Spark through pyspark in local mode (`local[2]`, the CSV read with an explicit schema).

The features CSV (as `loyalty features --labels-horizon` writes it) is loaded as the table the query
reads: `customer_id` as text, every other column as DOUBLE (empty cells NULL). A customer is compared for
each target whose probability `scores.csv` holds (rows outside a target's population have none there).
Exit 0 when every difference is within the tolerance, 1 when one is not (the worst are printed), 2 when
the check cannot run (duckdb missing, unreadable input).
"""
import argparse
import csv
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--features", required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("--scores", required=True)
    parser.add_argument("--table", default="features")
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--engine", choices=["duckdb", "postgres", "spark"], default="duckdb")
    parser.add_argument("--spark-cores", type=int, default=2, help="Spark's local[N]")
    parser.add_argument("--psql", default="-h 127.0.0.1 -U postgres", help="psql's connection flags")
    args = parser.parse_args(argv)
    try:
        with open(args.features, newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        with open(args.sql, encoding="utf-8") as handle:
            query = handle.read()
        with open(args.scores, newline="", encoding="utf-8") as handle:
            scores = list(csv.DictReader(handle))
    except (OSError, StopIteration) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.engine == "duckdb":
        try:
            import duckdb
        except ImportError:
            print("error: the duckdb Python package is not installed (pip install duckdb)", file=sys.stderr)
            return 2
        types = {name: ("VARCHAR" if name == "customer_id" else "DOUBLE") for name in header}
        connection = duckdb.connect()
        connection.execute(f"CREATE TABLE {args.table} AS SELECT * FROM read_csv(?, header = true, columns = ?)",
                           [args.features, types])
        cursor = connection.execute(query.rstrip().rstrip(";"))
        columns = [description[0] for description in cursor.description]
        rows = cursor.fetchall()
        version = f"duckdb {duckdb.__version__}"
    elif args.engine == "spark":
        try:
            from pyspark.sql import SparkSession
            from pyspark.sql.types import DoubleType, StringType, StructField, StructType
        except ImportError:
            print("error: the pyspark Python package is not installed (pip install pyspark)", file=sys.stderr)
            return 2
        spark = (SparkSession.builder.master(f"local[{args.spark_cores}]").appName("loyalty-export-sql-check")
                 .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        try:
            schema = StructType([StructField(name, StringType() if name == "customer_id" else DoubleType()) for name in header])
            spark.read.csv(args.features, header=True, schema=schema).createOrReplaceTempView(args.table)
            frame = spark.sql(query.rstrip().rstrip(";"))
            columns = frame.columns
            rows = [list(row) for row in frame.collect()]
            version = f"spark {spark.version}"
        finally:
            spark.stop()
    else:
        import shlex
        import subprocess
        psql = ["psql", *shlex.split(args.psql), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        definitions = ", ".join('"%s" %s' % (name.replace('"', '""'), "TEXT" if name == "customer_id" else "DOUBLE PRECISION")
                                for name in header)
        load = (f"DROP TABLE IF EXISTS {args.table}; CREATE TABLE {args.table} ({definitions});\n"
                f"\\copy {args.table} FROM '{args.features}' WITH (FORMAT csv, HEADER true)\n")
        try:
            subprocess.run(psql, input=load, text=True, check=True, capture_output=True, timeout=600)
            result = subprocess.run(psql + ["--csv"], input=query, text=True, check=True, capture_output=True, timeout=600)
            version = "postgres " + subprocess.run(psql + ["-t", "-A", "-c", "SHOW server_version"], text=True, check=True,
                                                   capture_output=True, timeout=60).stdout.strip()
        except FileNotFoundError:
            print("error: psql is not installed", file=sys.stderr)
            return 2
        except subprocess.CalledProcessError as error:
            print(f"error: psql failed: {error.stderr.strip()[:2000]}", file=sys.stderr)
            return 2
        reader = csv.reader(result.stdout.splitlines())
        columns = next(reader)
        rows = [[cells[0]] + [float(cell) if cell else None for cell in cells[1:]] for cells in reader]
    engine = {row[0]: dict(zip(columns, row)) for row in rows}
    compared, worst, missing = 0, [], 0
    for row in scores:
        for target in ("churn", "loyal_candidate"):
            cell = row.get(f"{target}_probability", "")
            column = f"{target}_probability"
            if not cell or column not in columns:
                continue
            found = engine.get(row["customer_id"])
            if found is None:
                missing += 1
                continue
            difference = abs(float(cell) - found[column])
            compared += 1
            worst.append((difference, row["customer_id"], target, float(cell), found[column]))
    worst.sort(reverse=True)
    largest = worst[0][0] if worst else 0.0
    print(f"{version}: {len(rows)} rows from the query; {compared} probabilities compared, "
          f"{missing} customers missing from the query; largest difference {largest:.3e} (tolerance {args.tolerance:g})")
    bad = [item for item in worst if item[0] > args.tolerance]
    for difference, customer, target, ours, theirs in bad[:10]:
        print(f"  {customer} {target}: score {ours!r}, duckdb {theirs!r} (difference {difference:.3e})")
    return 1 if bad or missing or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
