#!/usr/bin/env bash
# Builds and runs CallVault's libFuzzer targets for a bounded time each.
#
#   Fuzz/run.sh                      every target, 30 seconds each
#   Fuzz/run.sh all 1800             every target, 30 minutes each (the longer run)
#   Fuzz/run.sh FuzzEnvelopeReader 600
#
# Each target starts from its committed seeds (Fuzz/Corpus/TARGET) plus what earlier runs on this
# machine found (Fuzz/work/TARGET, not committed). A crash, sanitizer report, timeout (-timeout) or
# out-of-memory (-rss_limit_mb, -malloc_limit_mb) is a defect: its input is kept in
# Fuzz/artifacts/TARGET/ and the script exits 1 after running the remaining targets. FUZZ_NICE=1
# runs the fuzzers niced; FUZZ_NO_BUILD=1 skips the build; FUZZ_CONFIGURATION=release builds them
# optimised (a longer build, many more executions a second: for long runs).
set -euo pipefail
cd "$(dirname "$0")"

all_targets=(
    FuzzEnvelopeHeader FuzzEnvelopeReader FuzzWAV FuzzAccessPolicy FuzzAccessDescriptions
    FuzzConsentCatalog FuzzRetentionCatalog FuzzAuditLog FuzzSignedDocuments
)
which=${1:-all}
seconds=${2:-30}
configuration=${FUZZ_CONFIGURATION:-debug}
if [ "$which" = all ]; then targets=("${all_targets[@]}"); else targets=("$which"); fi

# The largest input worth mutating for each target (its seeds' size, with room to grow).
max_len() {
    case "$1" in
    FuzzAccessPolicy | FuzzAuditLog) echo 16384 ;;
    FuzzConsentCatalog | FuzzRetentionCatalog | FuzzSignedDocuments) echo 8192 ;;
    *) echo 4096 ;;
    esac
}

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    for target in "${targets[@]}"; do
        echo "--- building $target"
        # The one flag pair that keeps coverage (TOOLCHAIN.md): two separate --sanitize flags lose it.
        swift build -c "$configuration" --product "$target" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address 2>&1 \
            | grep -v "Cannot export local symbol" || { echo "build of $target failed"; exit 1; }
    done
fi
bin=$(swift build -c "$configuration" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --show-bin-path)

failed=()
for target in "${targets[@]}"; do
    mkdir -p "work/$target" "artifacts/$target"
    log=$(mktemp)
    echo "--- fuzzing $target for $seconds s"
    status=0
    LSAN_OPTIONS="suppressions=$(pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        ${FUZZ_NICE:+nice -n 10} "$bin/$target" \
        -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 \
        -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="artifacts/$target/" \
        "work/$target" "Corpus/$target" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        tail -n 60 "$log"
        echo "$target: FAILED after ${runs:-?} executions; the input is in Fuzz/artifacts/$target/"
    else
        echo "$target: ${runs:-?} executions in $seconds s, no crash"
    fi
    rm -f "$log"
done

echo "${#targets[@]} fuzz targets: $((${#targets[@]} - ${#failed[@]})) passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
