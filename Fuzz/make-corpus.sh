#!/usr/bin/env bash
# Regenerates the committed seed corpora in Fuzz/Corpus from the project's own writers and files:
# envelopes and WAV files written by FuzzSeeds (the SDK's writers, sealed to the fixed fuzz keys),
# the example access files, the bundled consent and retention catalogs, and the audit log, signed
# export manifest, consent receipts and deletion certificates of a fresh demo vault. Hand-written
# edge cases live in Fuzz/Corpus/*/edge-* and are kept. Needs sqlite3 (Debian's sqlite3).
# Usage, from anywhere: Fuzz/make-corpus.sh
set -euo pipefail
cd "$(dirname "$0")"
fuzz=$(pwd)
root=$(cd .. && pwd)
corpus="$fuzz/Corpus"

echo "--- generated envelopes and WAV files"
swift build --product FuzzSeeds --scratch-path .build-seeds >/dev/null
.build-seeds/debug/FuzzSeeds "$corpus"

echo "--- access files"
mkdir -p "$corpus/FuzzAccessPolicy" "$corpus/FuzzAccessDescriptions"
cp "$root/Examples/policies/access-policy.json" "$corpus/FuzzAccessPolicy/example-policy.json"
cp "$root/Examples/ContactCenterDemo/Config/access-policy.json" "$corpus/FuzzAccessPolicy/demo-policy.json"
cp "$root/Examples/policies/principal.json" "$corpus/FuzzAccessDescriptions/principal.json"
cp "$root/Examples/policies/recording.json" "$corpus/FuzzAccessDescriptions/recording.json"

echo "--- catalogs (the bundled ones, whole and as a header with a few rows)"
bundled() { # the CSV inside a generated Bundled*Catalog.swift
    sed -n '/#"""/,/"""#/p' "$1" | sed '1d;$d' | sed 's/^        //'
}
mkdir -p "$corpus/FuzzConsentCatalog" "$corpus/FuzzRetentionCatalog"
bundled "$root/Sources/CallVaultConsent/Catalog/BundledConsentCatalog.swift" >"$corpus/FuzzConsentCatalog/bundled.csv"
head -n 6 "$corpus/FuzzConsentCatalog/bundled.csv" >"$corpus/FuzzConsentCatalog/bundled-head.csv"
bundled "$root/Sources/CallVaultRetention/Catalog/BundledRetentionCatalog.swift" >"$corpus/FuzzRetentionCatalog/bundled.csv"
head -n 4 "$corpus/FuzzRetentionCatalog/bundled.csv" >"$corpus/FuzzRetentionCatalog/bundled-head.csv"

echo "--- a demo vault's audit log and signed documents"
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
(cd "$root" && swift build --product contact-center-demo >/dev/null && .build/debug/contact-center-demo --vault "$demo/vault" >/dev/null)
mkdir -p "$corpus/FuzzAuditLog" "$corpus/FuzzSignedDocuments"
cp "$demo/vault/audit.log" "$corpus/FuzzAuditLog/demo-audit.log"
head -n 4 "$demo/vault/audit.log" >"$corpus/FuzzAuditLog/demo-audit-head.log"
# A witness file (what `AuditCheckpointFile` writes): "<log id> <checkpoint line>" per line.
log_id=$(head -n 1 "$demo/vault/audit.log" | sed 's/.*"log":"\([^"]*\)".*/\1/')
grep '^{"checkpoint"' "$demo/vault/audit.log" | sed "s/^/$log_id /" >"$corpus/FuzzAuditLog/demo-witness.txt"
export_dir=$(find "$demo/vault/exports" -mindepth 1 -maxdepth 1 -type d | head -n 1)
cp "$export_dir/manifest.json" "$corpus/FuzzSignedDocuments/export-manifest.json"
cp "$export_dir/receipts/1.json" "$corpus/FuzzSignedDocuments/consent-receipt.json"
sqlite3 "$demo/vault/vault.sqlite" "SELECT certificate FROM tombstone LIMIT 1" >"$corpus/FuzzSignedDocuments/deletion-certificate.json"
echo "corpora in $corpus"
