#!/usr/bin/env python3
"""Builds CallVault's bundled consent catalog from the legal reference table.

Input:  the reference table consent-jurisdictions.csv (code, name, consent_model,
        notice_counts_as_consent, notes, source, reviewed), one row per jurisdiction, with sources
        and the date (ISO 8601) its row was last checked against them.
Output: Sources/CallVaultConsent/Catalog/BundledConsentCatalog.swift, which embeds the catalog in
        CallVault's catalog format (the format hosts use for their own catalogs and overrides):
        the reference columns plus
          landline, mobile, voip  the consent model for calls over that medium, where it differs
                                  from consent_model (required for `mixed` rows);
          floors                  jurisdictions whose rules also bind (space-separated), beyond the
                                  country of a subdivision, which always binds: EU members list EU;
          data_protection         `lawful-basis` where a data-protection law asks a lawful basis for
                                  each purpose on top of the recording rule (so purposes beyond the
                                  standard ones need consent);
          recorded_notice         `required` where the announcement must itself be on the recording,
                                  `required-or-tone` where a warning tone repeated about every 15
                                  seconds may stand instead.
          reviewed                the table's review date for the row, passed through.
The additions below are read from each row's notes and sources; each carries the reason.

Usage: Scripts/build-consent-catalog.py [path/to/consent-jurisdictions.csv] [version-label]
"""
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "Reference" / "consent-jurisdictions.csv"
OUTPUT = ROOT / "Sources" / "CallVaultConsent" / "Catalog" / "BundledConsentCatalog.swift"

# Per-medium models: (landline, mobile, voip), from the notes of each row.
MEDIUM_RULES = {
    # CGS 52-570d (telephone): all parties' consent, a recorded verbal notice, or a periodic tone;
    # the notes say to treat business telephone recording as all-party-with-notice.
    "US-CT": ("all-party", "all-party", "all-party"),
    # NRS 200.620 (wire communications): all parties (Lane v. Allstate). Whether it reaches purely
    # wireless calls is uncertain, so the stricter reading applies to mobile too.
    "US-NV": ("all-party", "all-party", "all-party"),
    # ORS 165.540(1)(a): a participant may record a telecommunication; the all-party rule of
    # (1)(c) is for in-person conversations.
    "US-OR": ("one-party", "one-party", "one-party"),
    # Telecommunications (Interception and Access) Act s.6-7: recording with the caller's knowledge
    # is not interception, so a call with notice is one-party at Commonwealth level; the AU-* rows
    # add the State and Territory listening-device laws.
    "AU": ("one-party", "one-party", "one-party"),
    # Penal Code 632.7: calls involving a cellular or cordless phone need all parties' consent,
    # without a confidentiality element; 632 already makes other calls all-party.
    "US-CA": ("all-party", "all-party", "all-party"),
}

# EU member states in the table: the GDPR/ePrivacy baseline (the EU row) binds them too.
FLOORS = {code: "EU" for code in ("DE", "FR", "ES", "IT", "NL")}

# Where the announcement must be on the recording (recording opens when it starts), from the notes.
RECORDED_NOTICE = {
    # RCW 9.73.030(3): consent is deemed given when the recording is announced, and "if the
    # conversation is to be recorded ... said announcement shall also be recorded".
    "US-WA": "required",
    # CGS 52-570d(a): consent captured at the start of the recording, a verbal notice recorded at
    # the start, or an automatic tone warning repeated at intervals of about 15 seconds.
    "US-CT": "required-or-tone",
}

# Data-protection laws the notes name, which need a lawful basis (and notice) for each purpose.
DATA_PROTECTION = {
    "GB": "UK GDPR: a lawful basis (usually legitimate interests or legal obligation) and Art 13 notice",
    "CA": "PIPEDA: record only for specified purposes a reasonable person would accept, with consent",
    "BR": "LGPD art. 7: a legal basis and transparency",
    "ZA": "POPIA s.18: notify the purpose before collection",
    "JP": "APPI: publish or notify the purpose of use",
    "AU": "Privacy Act APP 5: notify collection and purposes",
    "AE": "PDPL (Decree-Law 45/2021)",
    "SG": "PDPA s.13-15, s.20: consent (deemed by conduct for the purpose notified) and notified purposes",
    "IN": "DPDP Act 2023 s.4-7 and DPDP Rules 2025 rule 3: consent or a legitimate use, with itemised notice",
}

COLUMNS = ["code", "name", "consent_model", "notice_counts_as_consent", "landline", "mobile", "voip",
           "floors", "data_protection", "recorded_notice", "notes", "source"]
# The review date goes last, so columns added before it by other changes merge without touching it.
COLUMNS.append("reviewed")
ISO_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_INPUT
    label = sys.argv[2] if len(sys.argv) > 2 else "2026.12.06"
    rows = list(csv.DictReader(source.open(encoding="utf-8", newline="")))
    known = {row["code"] for row in rows}
    for code in list(MEDIUM_RULES) + list(FLOORS) + list(DATA_PROTECTION) + list(RECORDED_NOTICE):
        if code not in known:
            sys.exit(f"{code} has extra rules here but no row in {source}")
    for row in rows:
        if not ISO_DATE.fullmatch(row.get("reviewed") or ""):
            sys.exit(f"{row['code']} has no review date (YYYY-MM-DD) in the reviewed column of {source}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        landline, mobile, voip = MEDIUM_RULES.get(row["code"], ("", "", ""))
        writer.writerow([row["code"], row["name"], row["consent_model"], row["notice_counts_as_consent"],
                         landline, mobile, voip, FLOORS.get(row["code"], ""),
                         "lawful-basis" if row["code"] in DATA_PROTECTION else "",
                         RECORDED_NOTICE.get(row["code"], ""), row["notes"], row["source"], row["reviewed"]])
    text = out.getvalue()
    if '"""#' in text:
        sys.exit("the catalog text contains the raw-string terminator")
    OUTPUT.write_text(
        "// Generated by Scripts/build-consent-catalog.py from the legal reference table\n"
        f"// consent-jurisdictions.csv ({len(rows)} jurisdictions). Do not edit by hand: edit the table\n"
        "// or the script's per-medium rules, floors and recorded notices, and run the script again.\n\n"
        "extension JurisdictionCatalog {\n"
        "    /// The version label of the bundled catalog; the catalog's ``version`` adds a digest of its text.\n"
        f'    static let bundledLabel = "callvault-{label}"\n\n'
        "    /// The bundled catalog, in CallVault's catalog format.\n"
        '    static let bundledText = #"""\n'
        f"{text}"
        '"""#\n'
        "}\n",
        encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(rows)} jurisdictions")


if __name__ == "__main__":
    main()
