#!/usr/bin/env python3
"""Does the measured lift's 95% interval cover the true effect? 50 seeded simulations.

    python3 bench/campaigns/coverage.py [LOYALTY_BINARY] [SIMULATIONS] [CUSTOMERS]

For each seed: `loyalty generate --campaigns 6` (a history with six retention campaigns, a fifth of each
list held out as control, calls that persuade, put off or change nothing, and each contact's two
potential outcomes in campaign_truth.csv), then `loyalty outcomes --horizon 30d --json`. The true effect
of the calls is the mean over all contacts of (bought with the call − bought without), known from the
simulation; the check is whether the list's purchase-rate interval (Newcombe's hybrid score) holds it,
and likewise each campaign's interval its own campaign's true effect. Prints the coverage; exit 1 when
the list's coverage is below 90%.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
loyalty = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../.build/release/loyalty")
simulations = int(sys.argv[2]) if len(sys.argv) > 2 else 50
customers = sys.argv[3] if len(sys.argv) > 3 else "3000"

covered = campaigns_covered = campaigns_total = 0
widths, truths = [], []
for seed in range(1, simulations + 1):
    folder = tempfile.mkdtemp(prefix=f"coverage-{seed}-")
    subprocess.run([loyalty, "generate", "--customers", customers, "--seed", str(seed), "--campaigns", "6", "--orders-only",
                    "--out", folder], check=True, capture_output=True)
    report = json.loads(subprocess.run([loyalty, "outcomes", "--contacts", folder + "/contacts.csv", "--orders",
                                        folder + "/orders.csv", "--horizon", "30d", "--json"],
                                       check=True, capture_output=True, text=True).stdout)
    effects = defaultdict(list)
    with open(folder + "/campaign_truth.csv") as f:
        for row in csv.DictReader(f):
            effects[row["contact_date"]].append(int(row["bought_with_call"]) - int(row["bought_without_call"]))
    everyone = [e for values in effects.values() for e in values]
    truth = sum(everyone) / len(everyone)
    lift = report["lists"][0]["purchaseRateLift"]
    hit = lift["low"] <= truth <= lift["high"]
    covered += hit
    widths.append(lift["high"] - lift["low"])
    truths.append(truth)
    for campaign in report["campaigns"]:
        values = effects[campaign["campaign"]]
        campaign_truth = sum(values) / len(values)
        interval = campaign["purchaseRateLift"]
        campaigns_total += 1
        campaigns_covered += interval["low"] <= campaign_truth <= interval["high"]
    print(f"seed {seed:2d}: true {truth:+.4f}, measured {lift['estimate']:+.4f} [{lift['low']:+.4f}, {lift['high']:+.4f}] "
          f"{'covered' if hit else 'MISSED'}")
share = covered / simulations
print(f"list: {covered}/{simulations} intervals cover the true effect ({100 * share:.0f}%); mean width "
      f"{sum(widths) / len(widths):.4f}; mean true effect {sum(truths) / len(truths):+.4f}")
print(f"campaigns: {campaigns_covered}/{campaigns_total} ({100 * campaigns_covered / campaigns_total:.0f}%)")
sys.exit(0 if share >= 0.9 else 1)
