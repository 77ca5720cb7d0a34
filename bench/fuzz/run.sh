#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a number of executions on a copy of its seed corpus.
#
#   bench/fuzz/run.sh [RUNS] [TARGET...]
#
# RUNS: executions per target (default 10000000 for FuzzDelimitedText, 2000000 for FuzzDates, FuzzNumbers
# and FuzzConfig). TARGET: some of FuzzDelimitedText FuzzDates FuzzNumbers FuzzConfig (default all four).
# Environment:
#   SCRATCH              build directory (default <repo>/.build-fuzz; never the main .build)
#   FUZZ_FLAGS           extra libFuzzer flags, e.g. "-max_len=8192 -seed=1"
#   LOYALTY_FUZZ_ORACLES 0 checks memory safety and traps only, not the logic oracles
#   LOYALTY_FUZZ_IGNORE  comma-separated oracle ids to skip (findings already reported; see README.md)
#   LOYALTY_FUZZ_TABLES  FuzzDelimitedText runs the table readers on 1 input in N (default 8; 1 = all)
#   KEEP=1               keep the temp dir (grown corpus, logs) instead of removing it
#
# The committed corpus is never written to: each target runs on a copy in a temp dir. A crash, sanitizer
# report or oracle failure is copied to bench/fuzz/crashes/<target>-<name>, its report is printed, and the
# script exits 1 after running the remaining targets.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scratch="${SCRATCH:-$repo/.build-fuzz}"
if [[ "$(cd "$(dirname "$scratch")" && pwd)/$(basename "$scratch")" == "$repo/.build" ]]; then
    echo "run.sh: refusing to build in $repo/.build" >&2
    exit 2
fi

runs="${1:-}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(FuzzDelimitedText FuzzDates FuzzNumbers FuzzConfig); fi

# The sanitizers go on the command line, not in Package.swift, so that OrderHistory and LoyaltyConfig (the
# code under test) are instrumented too, and TOMLKit's C++ parser (toml++) through -Xcxx: coverage
# feedback from inside the parser, and AddressSanitizer on it. -enable-testing lets the targets
# @testable-import the internal parsers in release.
build=(swift build --package-path "$here" --scratch-path "$scratch" -c release
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
       -Xcxx -fsanitize=fuzzer-no-link,address)
echo "+ ${build[*]}"
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)"

if [[ -w /dev/shm ]]; then tmp="$(mktemp -d -p /dev/shm loyalty-fuzz.XXXXXX)"; else tmp="$(mktemp -d)"; fi
if [[ "${KEEP:-0}" == 1 ]]; then echo "temp dir: $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

# The Swift runtime's backtracer would catch the crash signal before libFuzzer and ASan report it.
export SWIFT_BACKTRACE=enable=no
# OrderHistory links OpenBLAS (through ScoringCore), whose idle worker threads would spin on the 2 cores.
export OPENBLAS_NUM_THREADS=1
export LOYALTY_FUZZ_TMP="$tmp"
mkdir -p "$here/crashes"

failed=0
summary=()
for target in "${targets[@]}"; do
    case "$target" in
        FuzzDelimitedText) n="${runs:-10000000}" ;;
        FuzzDates|FuzzNumbers|FuzzConfig) n="${runs:-2000000}" ;;
        *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
    esac
    corpus="$tmp/corpus-$target"
    artifacts="$tmp/artifacts-$target"
    log="$tmp/$target.log"
    cp -r "$here/corpus/$target" "$corpus"
    mkdir -p "$artifacts"
    echo "== $target: $n executions (log $log)"
    start=$(date +%s.%N)
    set +e
    # TOMLKit 0.6.0 leaks its parse-error buffer on every parse (TOMLTable.init(string:) never frees it;
    # README.md, findings): harmless for a command that parses one file, so leak checks are off for
    # FuzzConfig. AddressSanitizer's memory-error checks stay on.
    extra=()
    if [[ "$target" == FuzzConfig ]]; then extra=(-detect_leaks=0); fi
    # shellcheck disable=SC2086
    "$bin/$target" -runs="$n" -print_final_stats=1 -timeout=30 -artifact_prefix="$artifacts/" "${extra[@]}" \
        ${FUZZ_FLAGS:-} "$corpus" >"$log" 2>&1
    status=$?
    set -e
    end=$(date +%s.%N)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    executed=$(awk -F': *' '/stat::number_of_executed_units/ { n = $2 } END { print n + 0 }' "$log")
    if [[ "$executed" == 0 ]]; then
        # A crash stops libFuzzer before the final stats: take the last progress line's count.
        executed=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
        executed="${executed:-0}"
    fi
    rate=$(awk -v n="$executed" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
    crashes=("$artifacts"/*)
    if [[ $status -ne 0 || -e "${crashes[0]}" ]]; then
        failed=1
        result="CRASH (exit $status)"
        for file in "${crashes[@]}"; do
            [[ -e "$file" ]] || continue
            cp "$file" "$here/crashes/$target-$(basename "$file")"
            result+=", reproducer bench/fuzz/crashes/$target-$(basename "$file")"
        done
        # The report: from the first line of the oracle message, sanitizer report or Swift trap to its end.
        report="$here/crashes/$target-report.txt"
        awk '/FUZZ ORACLE FAILED|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|Fatal error|runtime error/ { on = 1 }
             on { print; if (++count == 60) exit }' "$log" >"$report"
        [[ -s "$report" ]] || tail -60 "$log" >"$report"
        echo "-- report (saved to bench/fuzz/crashes/$(basename "$report")):"
        head -30 "$report"
        echo "-- replay: SWIFT_BACKTRACE=enable=no LOYALTY_FUZZ_TABLES=${LOYALTY_FUZZ_TABLES:-8} $bin/$target <reproducer>"
    else
        result="no crash"
    fi
    line="$target: $executed executions in $seconds s ($rate exec/s), $result"
    echo "$line"
    summary+=("$line")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
