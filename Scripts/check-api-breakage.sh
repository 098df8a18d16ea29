#!/usr/bin/env bash
# Fails when the public API of the library products (the test kit included: vendors use it in their
# tests) breaks against the last release tag, except for the deliberate breaks listed in
# API-BREAKS.txt (one digester message a line; emptied at each release).
#
# Usage: Scripts/check-api-breakage.sh [--update-allowlist] [SWIFT-PACKAGE-OPTION...]
#   --update-allowlist  writes every break found now into API-BREAKS.txt, sorted, for review, and
#                       exits 0 (the check itself then passes with that list).
#   SWIFT-PACKAGE-OPTION options for `swift package` itself, for example `--scratch-path .build-x`.
# Environment:
#   CALLVAULT_API_BASELINE  the tag or commit to compare with, instead of the latest release tag
#                           (X.Y.Z or vX.Y.Z) reachable from HEAD (or, in a clone without tags,
#                           the commit API-BASELINE names).
#
# `swift package diagnose-api-breaking-changes` compares only the modules the current package still
# has: a library product or module removed or renamed since the release is skipped in silence. So
# this script also compares the two manifests' library products and their modules, and reports each
# one gone as "API breakage: library product NAME has been removed" or "API breakage: module NAME
# has been removed from the library products", allowed the same way.
#
# The baseline is built once per commit (about 2 to 3 minutes on 2 cores) and its API kept in
# .build-api-baseline/; remove that folder after changing the toolchain. Works offline: the
# baseline is a clone of this repository and its dependencies come from wherever the current
# build's do.
set -euo pipefail
cd "$(dirname "$0")/.."

allowlist=API-BREAKS.txt
update=false
package_options=()
for argument in "$@"; do
    case "$argument" in
    --update-allowlist) update=true ;;
    -h | --help)
        sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *) package_options+=("$argument") ;;
    esac
done

if [ -n "${CALLVAULT_API_BASELINE:-}" ]; then
    baseline=$CALLVAULT_API_BASELINE
    if ! git rev-parse --verify --quiet "$baseline^{commit}" >/dev/null; then
        echo "check-api-breakage: CALLVAULT_API_BASELINE=$baseline names no tag or commit in this repository." >&2
        exit 1
    fi
else
    baseline=$(git tag --merged HEAD | grep -E '^v?[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1 || true)
    if [ -z "$baseline" ] && [ -f API-BASELINE ]; then
        # A clone without tags (some CI checkouts) still has the release's commit, named in API-BASELINE.
        read -r release commit < <(grep -v '^#' API-BASELINE | head -n 1)
        if git rev-parse --verify --quiet "$commit^{commit}" >/dev/null; then
            echo "check-api-breakage: no release tag in this clone; using API-BASELINE's $release ($commit)"
            baseline=$commit
        fi
    fi
    if [ -z "$baseline" ]; then
        echo "check-api-breakage: no release tag (X.Y.Z or vX.Y.Z) is reachable from HEAD, so there is no" >&2
        echo "API to compare with. Fetch the tags (git fetch --tags; a shallow clone has none), or name" >&2
        echo "the baseline: CALLVAULT_API_BASELINE=TAG-OR-COMMIT $0" >&2
        exit 1
    fi
fi
[ -f "$allowlist" ] || : >"$allowlist"

echo "check-api-breakage: comparing the library products' API with $baseline"
output=$(mktemp)
baseline_manifest=$(mktemp -d)
trap 'rm -rf "$output" "$baseline_manifest"' EXIT

# The library products and their modules, one "product NAME" or "module NAME" a line; fails when
# the manifest cannot be read or lists no library product (so a broken read never passes as "none
# removed").
library_surface() {
    local manifest
    manifest=$(swift package "$@" dump-package) || return 1
    python3 -c '
import json, sys
package = json.load(sys.stdin)
lines = set()
for product in package["products"]:
    if "library" in product["type"]:
        lines.add("product " + product["name"])
        lines.update("module " + target for target in product["targets"])
if not lines:
    sys.exit("no library product in the manifest")
print("\n".join(sorted(lines)))
' <<<"$manifest"
}
git archive "$baseline" Package.swift | tar -x -C "$baseline_manifest"
if ! baseline_surface=$(library_surface --package-path "$baseline_manifest") ||
    ! current_surface=$(library_surface "${package_options[@]}"); then
    echo "check-api-breakage: cannot list the library products of $baseline or of the working tree." >&2
    exit 1
fi
removals=$(LC_ALL=C comm -23 <(LC_ALL=C sort <<<"$baseline_surface") <(LC_ALL=C sort <<<"$current_surface") |
    sed -e 's/^product \(.*\)/API breakage: library product \1 has been removed/' \
        -e 's/^module \(.*\)/API breakage: module \1 has been removed from the library products/')

run_check() {
    # $1: the allowlist to pass, or nothing.
    local allow=() status unlisted
    [ -n "${1:-}" ] && allow=(--breakage-allowlist-path "$1")
    set +e
    swift package "${package_options[@]}" diagnose-api-breaking-changes "$baseline" \
        --baseline-dir .build-api-baseline "${allow[@]}" 2>&1 | tee "$output"
    status=${PIPESTATUS[0]}
    set -e
    digester_status=$status
    if [ -n "$removals" ]; then
        unlisted=$removals
        [ -n "${1:-}" ] && unlisted=$(grep -vxF -f "$1" <<<"$removals" || true)
        if [ -n "$unlisted" ]; then
            echo
            echo "Library products or modules gone since $baseline:"
            sed 's/^/  /' <<<"$unlisted" | tee -a "$output"
            [ "$status" -ne 0 ] || status=1
        fi
    fi
    return "$status"
}

if $update; then
    if run_check ""; then
        : >"$allowlist"
    else
        # Only findings may fail the run here: a build error is not a break to allow.
        if [ "$digester_status" -ne 0 ] && ! grep -q 'breaking changes\{0,1\} detected in' "$output"; then
            echo "check-api-breakage: the comparison failed before it found any break (see above)." >&2
            exit 1
        fi
        grep -o 'API breakage: .*' "$output" | sed 's/[[:space:]]*$//' | LC_ALL=C sort -u >"$allowlist"
    fi
    echo "check-api-breakage: $allowlist now lists $(grep -c . "$allowlist" || true) deliberate break(s); review them."
    exit 0
fi

if ! run_check "$allowlist"; then
    echo "check-api-breakage: the public API breaks against $baseline (above). If the break is deliberate," >&2
    echo "run Scripts/check-api-breakage.sh --update-allowlist and commit the reviewed $allowlist." >&2
    exit 1
fi
