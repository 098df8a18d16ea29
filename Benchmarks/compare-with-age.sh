#!/usr/bin/env bash
# Times `callvault seal` and `callvault open` against age on the same 512 MiB file, side by side
# with hyperfine, and measures the peak memory of callvault on a 2 GiB file.
#
# Targets: sealing and opening 512 MiB no slower than age; peak resident memory under 64 MiB.
#
# Needs age, age-keygen, hyperfine and GNU time (/usr/bin/time): on Debian,
#   apt-get install -y age hyperfine time
# Usage: Benchmarks/compare-with-age.sh [runs]   (default 15 runs per command)
# Environment: WORK_DIR to choose the scratch folder (about 10 GiB is needed; removed at the end
# unless KEEP_WORK_DIR=1), SIZE_MIB and BIG_SIZE_MIB to change the file sizes.
set -euo pipefail

runs=${1:-15}
size_mib=${SIZE_MIB:-512}
big_size_mib=${BIG_SIZE_MIB:-2048}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

for tool in age age-keygen hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done

# A release build in its own scratch folder, so debug builds in .build are left alone.
echo "== Building callvault (release)"
(cd "$repo" && swift build -c release --product callvault --scratch-path "$repo/.build-release" >/dev/null)
callvault="$(cd "$repo" && swift build -c release --scratch-path "$repo/.build-release" --show-bin-path)/callvault"

work=${WORK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/callvault-vs-age.XXXXXX")}
mkdir -p "$work"
if [[ ${KEEP_WORK_DIR:-0} != 1 ]]; then
    trap 'rm -rf "$work"' EXIT
fi
cd "$work"
echo "== Working in $work"

# Keys. The passphrase comes from the environment so nothing prompts; opening a callvault identity
# still stretches it with Argon2id (3 passes over 32 MiB), which age's plain key file does not need.
export CALLVAULT_PASSPHRASE="benchmark passphrase, not a secret"
rm -f id id.pub age.key
"$callvault" keygen --output id >/dev/null
age-keygen -o age.key 2>/dev/null
age_recipient=$(age-keygen -y age.key)

echo "== Generating ${size_mib} MiB of random input"
head -c "$((size_mib << 20))" /dev/urandom >input.bin

# Both tools read the same cached input and write to the same file system. callvault flushes its
# output to disk (fsync) before renaming it into place; age does not, so a third line shows age
# followed by `sync` of its output, the like-for-like durable write. Each run starts with no
# output file and nothing waiting to be written back (`sync` in --prepare), so one run's writeback
# does not land in the next; the last run's outputs are kept for the next step and the round-trip
# check.
echo "== Sealing ${size_mib} MiB"
hyperfine --warmup 3 --runs "$runs" --export-json seal.json --export-markdown seal.md \
    --prepare 'rm -f sealed.cvr; sync' --prepare 'rm -f sealed.age; sync' --prepare 'rm -f sealed.age; sync' \
    -n 'callvault seal' "$callvault seal --recipient id.pub --output sealed.cvr input.bin" \
    -n 'age -r' "age -r $age_recipient -o sealed.age input.bin" \
    -n 'age -r, then sync' "age -r $age_recipient -o sealed.age input.bin && sync sealed.age"

echo "== Opening ${size_mib} MiB"
hyperfine --warmup 3 --runs "$runs" --export-json open.json --export-markdown open.md \
    --prepare 'rm -f opened.cvr.bin; sync' --prepare 'rm -f opened.age.bin; sync' \
    --prepare 'rm -f opened.age.bin; sync' \
    -n 'callvault open' "$callvault open --identity id --output opened.cvr.bin sealed.cvr" \
    -n 'age -d' "age -d -i age.key -o opened.age.bin sealed.age" \
    -n 'age -d, then sync' "age -d -i age.key -o opened.age.bin sealed.age && sync opened.age.bin"

cmp input.bin opened.cvr.bin
cmp input.bin opened.age.bin
echo "(both round trips reproduce the input byte for byte)"

python3 - "$size_mib" <<'EOF'
import json, sys

size = int(sys.argv[1])
print(f"\n== Summary ({size} MiB; ratios are callvault's time over the other's, below 1 is faster)")
for step in ("seal", "open"):
    results = json.load(open(f"{step}.json"))["results"]
    ours = results[0]
    for result in results:
        line = (
            f"{result['command']:>20}: mean {result['mean']:.3f} s ± {result['stddev']:.3f} s, "
            f"median {result['median']:.3f} s, min {result['min']:.3f} s ({size / result['median']:.0f} MiB/s)"
        )
        if result is not ours:
            line += (
                f"  ratio mean {ours['mean'] / result['mean']:.2f}, median {ours['median'] / result['median']:.2f}"
            )
        print(line)
EOF

echo
echo "== Peak memory on a ${big_size_mib} MiB file (target: under 64 MiB)"
rm -f input.bin sealed.cvr sealed.age opened.cvr.bin opened.age.bin
head -c "$((big_size_mib << 20))" /dev/urandom >big.bin
peak() { # label, command...
    local label=$1
    shift
    /usr/bin/time -v "$@" 2>time.txt >/dev/null
    local kib
    kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' time.txt)
    awk -F': ' -v label="$label" -v kib="$kib" '/Elapsed \(wall clock\)/ {
        printf "%24s: %.1f MiB peak resident (%d KiB), %s elapsed\n", label, kib / 1024, kib, $2 }' time.txt
}
peak "callvault seal" "$callvault" seal --recipient id.pub --output big.cvr big.bin
peak "callvault open" "$callvault" open --identity id --output big.opened big.cvr
peak "age -r" age -r "$age_recipient" -o big.age big.bin
peak "age -d" age -d -i age.key -o big.age.opened big.age
cmp big.bin big.opened
