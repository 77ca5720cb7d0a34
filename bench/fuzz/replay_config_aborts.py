#!/usr/bin/env python3
"""Replays FuzzConfig's crash inputs through the fuzz target and through the real command line.

    python3 bench/fuzz/replay_config_aborts.py FUZZ_BINARY LOYALTY_BINARY INPUT...

For each input: where toml++ stopped (the assertion's file:line, from the fuzz target's report, which runs
the parser with no guard), and what `loyalty train --config INPUT` does with it (exit code and message).
Prints one line per distinct assertion site with its count, and exits 1 if any input made the command
line end by a signal, show toml++'s assertion, or exit other than 1 without a message.
"""
import collections
import os
import re
import subprocess
import sys


def main():
    fuzz, loyalty, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    sites = collections.Counter()
    example = {}
    bad = []
    for path in inputs:
        report = subprocess.run([fuzz, "-detect_leaks=0", path], capture_output=True, text=True, errors="replace", env=env)
        match = re.search(r"toml\.hpp:(\d+): (.*?): Assertion `([^']*)'", report.stderr)
        site = f"toml.hpp:{match.group(1)} {match.group(2).split('::')[-1].split('(')[0]}: {match.group(3)}" if match else "no abort"
        sites[site] += 1
        example.setdefault(site, path)
        cli = subprocess.run([loyalty, "train", "--config", path], capture_output=True, text=True, errors="replace", env=env)
        lines = [line for line in cli.stderr.splitlines() if line.strip()]
        # Exit 1 with a message; an input that is valid TOML may still be refused for what it says (an
        # empty file leaves train without --orders), but nothing may end by a signal or show toml++'s
        # assertion.
        if cli.returncode != 1 or not lines or "Assertion" in cli.stderr or "crashed" in cli.stderr:
            bad.append((path, cli.returncode, lines[-1] if lines else ""))
    for site, count in sites.most_common():
        print(f"{count:4d}  {site}  (e.g. {os.path.basename(example[site])})")
    print(f"{len(inputs)} inputs, {len(sites)} distinct sites; command line: "
          f"{len(inputs) - len(bad)} exit 1 with a message, {len(bad)} otherwise")
    for path, code, last in bad:
        print(f"  {path}: exit {code}: {last}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
