#!/usr/bin/env bash
# Builds and runs the CallVault benchmarks briefly, then fails if sealing or opening a segment in
# the steady state allocates.
#
# Called by .ci/run from the repository root (works from any directory). Needs libsodium-dev.
# The timing figures of this quick run are rough; for stable ones run `swift package benchmark`
# in Benchmarks/. Only the allocation counts are gated: they are exact on any machine, while
# wall-clock time on shared CI machines is not.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

# Few iterations per benchmark (see RunSettings.swift).
export CALLVAULT_BENCHMARK_QUICK=1
target=CallVaultBenchmarks

echo "== CallVault benchmarks (quick run)"
swift package benchmark run --no-progress

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
