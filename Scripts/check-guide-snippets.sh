#!/usr/bin/env bash
# Builds every Swift example in the guides against this checkout of the SDK, as a vendor would:
# Scripts/extract-guide-snippets.py makes a package from GettingStarted's Package.swift snippet and
# the guides' marked ```swift blocks (README.md, Documentation/, Sources/*/*.docc/), then `swift build`
# compiles it using only the public API of the products GettingStarted lists. A generated file
# imports exactly what its guide shows, and a guide may import only what GettingStarted's manifest
# gives. Fails (exit 1) on an unmarked block, an import the manifest does not give, or any compiler
# error, which points at the guide's own line. Scripts/test-extract-guide-snippets.py (run first)
# tests the extractor's rules.
#
# Usage: Scripts/check-guide-snippets.sh   (from anywhere; .ci/run runs it)
# The package and its build folder are kept in .build-guide-snippets/ (git-ignored), so a second
# run rebuilds only what changed; the first builds the SDK's products there (a few minutes).
# The marker convention: Tests/GuideSnippets/README.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
package="$root/.build-guide-snippets"

shopt -s nullglob
guides=(README.md Documentation/*.md Sources/*/*.docc/*.md Examples/ContactCenterDemo/README.md)
python3 Scripts/test-extract-guide-snippets.py
python3 Scripts/extract-guide-snippets.py "$package" "${guides[@]}"

started=$SECONDS
swift build --package-path "$package" --build-tests
echo "guide snippets: built in $((SECONDS - started)) s"
