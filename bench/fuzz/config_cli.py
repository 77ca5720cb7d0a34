#!/usr/bin/env python3
"""bench/fuzz/config_cli.py: the config reader (`--config F`, TOMLKit) against mutated files, through the
real executable.

`ConfigFile` lives in the `loyalty` executable, which a libFuzzer target cannot link, so this drives the
built binary instead: each case writes a TOML file (the `loyalty init` template mutated by line, by byte,
by splicing in TOML fragments, or random bytes) and runs `loyalty <command> --config F` (train with a
missing orders file, so that no case does real work), then checks the oracle:

  - the process exits 0 or 1, never by a signal or with 2 (an internal error), within 10 s;
  - on exit 1 a line of the message starts with "error: " (ours) or "Error: " (ArgumentParser's usage
    errors); `run` prints its steps before a failing step's error.

Usage: python3 bench/fuzz/config_cli.py [--cases N] [--seed S] [--loyalty PATH]
Prints the count of cases, exits, and any failure (with the file kept under bench/.data/config-fuzz/).
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAGMENTS = [
    b"[data]\n", b"[train]\n", b"[ml.fit]\n", b"[[train]]\n", b"[trian]\n", b"[data.x]\n", b"horizon = \"90d\"\n",
    b"horizon = 90\n", b"quiet = \"yes\"\n", b"quiet = true\n", b"capacity = -1\n", b"capacity = [1, 2]\n",
    b"as-of = 2024-12-31\n", b"as-of = 2024-12-31T10:00:00Z\n", b"as-of = 10:00:00\n", b"gbdt-trees = 1e400\n",
    b"gbdt-trees = nan\n", b"seed = 18446744073709551615\n", b"seed = -9223372036854775808\n", b"x = { a = 1 }\n",
    b"ignore-column = [\"a\", 1, true]\n", b"orders = \"\"\"\nmulti\nline\"\"\"\n", b"orders = '''raw'''\n",
    b"\"quoted key\" = 1\n", b"a.b.c = 1\n", b"= 1\n", b"k =\n", b"\xef\xbb\xbf", b"\x00", b"\r\n", b"#\n",
    b"key = \"\\u0000\"\n", b"key = \"\\uD800\"\n", b"[" * 200 + b"\n", b"a = " + b"[" * 500 + b"\n",
]
COMMANDS = [["train", "--orders", "/nonexistent/o.csv", "--models", "m"], ["score"], ["calllist"], ["run"],
            ["ml", "fit"], ["inspect"], ["init", "--out", "x.toml"]]


def mutate(template: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    data = bytearray(template)
    if kind == 1:  # flip bytes
        for _ in range(rng.randrange(1, 20)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    lines = template.split(b"\n")
    if kind == 2:  # uncomment, drop and repeat lines
        for _ in range(rng.randrange(1, 12)):
            index = rng.randrange(len(lines))
            choice = rng.randrange(3)
            if choice == 0:
                lines[index] = lines[index].lstrip(b"# ")
            elif choice == 1:
                del lines[index]
                if not lines:
                    lines = [b""]
            else:
                lines.insert(index, lines[rng.randrange(len(lines))])
        return b"\n".join(lines)
    # splice fragments in
    for _ in range(rng.randrange(1, 6)):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(FRAGMENTS).rstrip(b"\n"))
    return b"\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loyalty", default=os.path.join(ROOT, ".build", "release", "loyalty"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    keep = os.path.join(ROOT, "bench", ".data", "config-fuzz")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([args.loyalty, "init", "--out", os.path.join(folder, "template.toml")], check=True,
                       capture_output=True)
        template = open(os.path.join(folder, "template.toml"), "rb").read()
        exits = {}
        failures = 0
        for case in range(args.cases):
            data = mutate(template, rng)
            path = os.path.join(folder, "c.toml")
            with open(path, "wb") as file:
                file.write(data)
            command = rng.choice(COMMANDS)
            try:
                result = subprocess.run([args.loyalty] + command + ["--config", path], cwd=folder,
                                        capture_output=True, timeout=10)
                code = result.returncode
                stderr = result.stderr.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                code, stderr = "timeout", ""
            exits[code] = exits.get(code, 0) + 1
            problem = None
            if code not in (0, 1):
                problem = f"exit {code}"
            elif code == 1 and not any(line.startswith(("error: ", "Error: ")) for line in stderr.splitlines()):
                problem = "no line of the message starts with error:"
            if problem:
                failures += 1
                os.makedirs(keep, exist_ok=True)
                kept = os.path.join(keep, f"case-{args.seed}-{case}.toml")
                with open(kept, "wb") as file:
                    file.write(data)
                print(f"FAIL case {case}: {problem}: loyalty {' '.join(command)} --config {kept}\n{stderr[:500]}")
    print(f"{args.cases} cases (seed {args.seed}), exits {dict(sorted(exits.items(), key=str))}, failures {failures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
