#!/usr/bin/env bash
# Builds and runs the CallVault benchmarks briefly, then fails if sealing or opening a segment in
# the steady state allocates, if computing retention schedules, planning a sweep, deciding access
# or appending audit entries allocates more than its threshold allows, or if a retention, access or
# audit target is missed by more than three times.
#
# Called by .ci/run from the repository root (works from any directory). Needs libsodium-dev.
# The timing figures of this quick run are rough; for stable ones run `swift package benchmark`
# in Benchmarks/. The benchmark gate is on allocation counts: they are exact on any machine, while
# wall-clock time on shared CI machines is not. The one timing gate, RetentionScale --check, fails
# only when a target is missed threefold, far beyond the machines' noise (about 30 %); so do the
# AuditScale checks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# Few iterations per benchmark (see RunSettings.swift).
export CALLVAULT_BENCHMARK_QUICK=1
target=CallVaultBenchmarks

echo "== CallVault benchmarks (quick run)"
# Only the benchmark suite: package-benchmark runs any executable target in a folder directly under
# Benchmarks/ as a suite; the tools live in Tools/ so none is, and the filter keeps it that way.
swift package benchmark run --target "$target" --no-progress

# The gate. Each Thresholds/<target>.<benchmark>.p90.json holds `mallocCountTotal: 0`; the check
# runs that one benchmark and compares. One benchmark per check, so a renamed or deleted
# benchmark fails ("No benchmarks matching filter selection") instead of silently going unchecked.
echo "== Allocation gate"
shopt -s nullglob
thresholds=(Thresholds/"$target".*.p90.json)
if ((${#thresholds[@]} == 0)); then
    echo "error: no thresholds in $(pwd)/Thresholds" >&2
    exit 1
fi

passed=0
failed=0
for file in "${thresholds[@]}"; do
    name=$(basename "$file" .p90.json)
    name=${name#"$target".}
    # The filter is a whole-name regular expression; benchmark names hold only [A-Za-z0-9_].
    if output=$(swift package benchmark thresholds check --target "$target" --filter "$name" --no-progress 2>&1); then
        echo "ok: $name allocates no more than $file allows"
        passed=$((passed + 1))
    elif grep -q "is BETTER than the defined thresholds" <<<"$output" && ! grep -q "WORSE" <<<"$output"; then
        # The check exits non-zero on an improvement too; that is not a failure.
        echo "ok: $name allocates less than $file allows: lower the threshold to lock the gain in"
        passed=$((passed + 1))
    else
        printf '%s\n' "$output" | grep -v '^\[[0-9]*/[0-9]*\]'
        echo "FAILED: $name against $file: more allocations than allowed, or no such benchmark (see above)"
        failed=$((failed + 1))
    fi
done

echo "allocation-gate: $passed passed, $failed failed"
((failed == 0))

# The 10,000-call load run, shrunk to a few seconds so it cannot rot; its figures are not gated
# (CI machines vary), the full run is `swift run -c release CaptureScale` (see README.md).
echo "== CaptureScale (short)"
swift run -c release CaptureScale --calls 2000 --seconds 3

# The retention targets (issue 5) on 100,000 recordings instead of a million (the plan time is
# scaled to a million), a thousand deletions per round: fails if schedules run under 167,000/s, a
# plan would take over 6 s per million recordings, or deletions run under 6,700/s. The full run
# is `swift run -c release RetentionScale` (see README.md).
echo "== RetentionScale (short, gated at 3x the targets)"
swift run -c release RetentionScale --recordings 100000 --plans 3 --sweep 1000 --rounds 4 --check

# The access and audit targets (issue 6) on 200,000 audit entries instead of a million (the
# verification time is scaled to a million), 100,000 decisions timed one by one, one second of
# fsync per append: fails if a decision against the 1,000-rule policy takes over 6 µs at the median,
# appends to memory run under 66,700 entries/s, or verification would take over 6 s per million
# entries. The file sink's figures are reported, not gated. The full run is
# `swift run -c release AuditScale` (see README.md).
echo "== AuditScale (short, gated at 3x the targets)"
swift run -c release AuditScale --entries 200000 --memory-entries 100000 --decisions 100000 \
    --every-append-seconds 1 --check

# The embedded vault's targets (issue 7), small: 300 recordings finalized (fails under 167/s),
# 200 calls at real time for 3 s (fails if the feeder falls a second behind or the p99
# frame-to-sealed delay passes 3 s), a sweep of 2,000 recordings scaled to 100,000 (fails over
# 180 s). The full run is `swift run -c release VaultScale` (see README.md).
echo "== VaultScale (short, gated at 3x the targets)"
swift run -c release VaultScale --finalize 300 --sessions 200 --seconds 3 --sweep 2000 --check
