"""A randomized campaign table with known individual effects, for bench/uplift/compare.py.

    python3 make_table.py ROWS SEED OUT_PREFIX   (writes OUT_PREFIX-train.csv and OUT_PREFIX-test.csv)

Ten features; a treated share of 0.4; four kinds of customers as the issue names them: persuadable (the
call raises the purchase probability by 0.25), sure thing and lost cause (no effect), do-not-disturb (the
call lowers it by 0.15). The test table also holds the true effect (column true_uplift, not a feature
for the models: compare.py drops it).
"""
import sys

import numpy as np

rows, seed, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(seed)
x = rng.normal(size=(rows, 10))
kind = np.where(x[:, 0] + 0.5 * x[:, 1] > 0.8, 0,            # persuadable
       np.where(x[:, 2] > 1.0, 1,                             # sure thing
       np.where(x[:, 3] < -1.0, 3, 2)))                      # do-not-disturb, else lost cause
base = np.select([kind == 0, kind == 1, kind == 2, kind == 3], [0.15, 0.7, 0.05, 0.4]) + 0.05 * np.tanh(x[:, 4])
effect = np.select([kind == 0, kind == 3], [0.25, -0.15], 0.0)
treated = (rng.random(rows) < 0.4).astype(int)
bought = (rng.random(rows) < np.clip(base + treated * effect, 0, 1)).astype(int)
split = int(rows * 0.7)
for name, part in [("train", slice(0, split)), ("test", slice(split, rows))]:
    with open(f"{prefix}-{name}.csv", "w") as f:
        f.write(",".join([f"x{i}" for i in range(10)] + ["treated", "bought"] + (["true_uplift"] if name == "test" else [])) + "\n")
        for i in range(rows)[part]:
            values = [f"{v:.6f}" for v in x[i]] + [str(treated[i]), str(bought[i])]
            if name == "test":
                values.append(f"{effect[i]:.2f}")
            f.write(",".join(values) + "\n")
