#!/usr/bin/env python3
"""Builds CallVault's bundled retention catalog from the legal reference table.

Input:  the reference table retention-rules.csv (code, regime, scope, min_days, max_days,
        worm_required, notes, source), one row per retention regime, with sources; code ZZ means
        a global or industry standard.
Output: Sources/CallVaultRetention/Catalog/BundledRetentionCatalog.swift, which embeds the catalog in
        CallVault's retention catalog format (the format hosts use for their own catalogs and
        overrides): id, code, also, name (the reference's regime), scope, applies, purposes, minimum,
        maximum, binding, write_once, notes, source, where the reference columns are kept unchanged
        and the additions are
          id          a stable lower-case identifier (letters, digits, hyphens) for the rule;
          also        jurisdictions the rule also reaches (space-separated), beyond its code;
          applies     how the rule reaches a recording: `declared` (the host declares it per
                      recording, because it depends on the firm's regulated activity),
                      `jurisdiction` (every recording whose jurisdictions fall under the code),
                      `card-data` (flagged card-security-code ranges only), or `reference`
                      (documents a duty realised elsewhere, with no effect on schedules);
          purposes    the purpose identifiers the rule is limited to (space-separated; empty = any);
          minimum,    ISO 8601 calendar periods (Y, M, D only) converted from min_days/max_days,
          maximum     which approximate years as 365 days and six months as 183: the period is the
                      one the law states, not the day count;
          binding     `law`; `contract` for standards that bind by agreement rather than law (PCI
                      DSS); or `practice` for figures that are practice rather than a legal rule;
          write_once  `yes` or `no`, read from worm_required, failing closed on partial/uncertain.
The additions below are read from each row's notes and sources; each carries the reason.

Usage: Scripts/build-retention-catalog.py [path/to/retention-rules.csv] [version-label]
"""
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT / "Reference" / "retention-rules.csv"
OUTPUT = ROOT / "Sources" / "CallVaultRetention" / "Catalog" / "BundledRetentionCatalog.swift"

REFERENCE_COLUMNS = ["code", "regime", "scope", "min_days", "max_days", "worm_required", "notes", "source"]

# Identifiers, in the table's row order, each with what identifies its row: the code and a piece
# of the regime text. Rows are matched by content, so a reordered table still maps; a row that
# matches no identifier (or more than one) stops the build.
RULE_IDS = {
    "eu-mifid2-16-7": ("EU", "MiFID II Art 16(7)"),
    "gb-fca-sysc-10a": ("GB", "FCA SYSC 10A"),
    "gb-fca-cobs-11-8": ("GB", "FCA COBS 11.8"),
    "gb-fca-cmcob-2-3": ("GB", "FCA CMCOB 2.3"),
    "us-sec-17a-4-b4": ("US", "SEC Rule 17a-4(b)(4)"),
    "us-sec-17a-4-a": ("US", "SEC Rule 17a-4(a)"),
    "us-finra-4511": ("US", "FINRA Rule 4511"),
    "us-finra-3170": ("US", "FINRA Rule 3170"),
    "us-cftc-1-35": ("US", "CFTC Rules 1.35(a) and 1.31"),
    "us-cftc-23-202": ("US", "CFTC Rule 23.202"),
    "us-hipaa": ("US", "HIPAA"),
    "pci-dss-3-3-1": ("ZZ", "PCI DSS"),
    "eu-gdpr": ("EU", "GDPR"),
    "eu-eprivacy-5-2": ("EU", "ePrivacy Directive"),
    "fr-cnil-call-recording": ("FR", "CNIL"),
    "us-ftc-tsr-310-5": ("US", "Telemarketing Sales Rule"),
    "us-cfpb-reg-f-1006-100": ("US", "Regulation F"),
    "us-tcpa-consent-records": ("US", "TCPA"),
    "us-pa-5704-15": ("US-PA", "5704(15)"),
    "br-sac-decree-11034": ("BR", "11.034/2022"),
    "ca-pipeda": ("CA", "PIPEDA"),
    "za-popia-14": ("ZA", "POPIA s.14"),
    "sg-pdpa-retention": ("SG", "PDPA retention"),
    "us-legal-hold-duty": ("US", "Legal hold"),
    "contact-centre-practice": ("ZZ", "Contact-centre practice"),
}

# How each rule reaches a recording, from its scope and notes.
APPLIES = {
    # Investment firms' recordings of own-account dealing and client-order calls: whether a call is
    # in scope depends on the firm's regulated activity, which only the host knows.
    "eu-mifid2-16-7": "declared",
    # UK MiFID firms, UCITS/AIF managers and certain commodity firms, for calls on in-scope
    # activities in financial instruments: the firm's activity decides.
    "gb-fca-sysc-10a": "declared",
    # Firms receiving/executing client orders under the pre-2018 taping rule: the firm's activity
    # (and whether any residual application remains) decides.
    "gb-fca-cobs-11-8": "declared",
    # Claims management companies only: the firm's authorisation decides.
    "gb-fca-cmcob-2-3": "declared",
    # Broker-dealers' business communications; whether a voice recording counts is a firm/legal
    # judgement, so the host declares it.
    "us-sec-17a-4-b4": "declared",
    # Broker-dealers' core books and records (context only, not normally call audio): declared
    # only where the host keeps such a record as audio.
    "us-sec-17a-4-a": "declared",
    # FINRA member firms' FINRA-required records: membership and the record type decide.
    "us-finra-4511": "declared",
    # 'Taping firms' designated under the rule: only the host knows it is one.
    "us-finra-3170": "declared",
    # FCMs, certain IBs, RFEDs and DCM/SEF members, for oral communications leading to a
    # commodity-interest transaction: registration and the call's subject decide.
    "us-cftc-1-35": "declared",
    # Swap dealers and major swap participants, for pre-execution communications: registration and
    # the call's subject decide.
    "us-cftc-23-202": "declared",
    # HIPAA's six years cover required documentation (policies, risk analyses, assessments), not
    # calls: a reference, which the scheduler refuses to have declared for a recording (its period
    # would look like a reason to keep calls that nothing keeps).
    "us-hipaa": "reference",
    # The ban on keeping card verification codes after authorization reaches only the parts of a
    # recording that hold them, which the host flags as card-security-code ranges.
    "pci-dss-3-3-1": "card-data",
    # Any controller recording calls of people in the EU: storage limitation follows from the
    # jurisdiction alone.
    "eu-gdpr": "jurisdiction",
    # Recordings made in lawful business practice in the EU: erasure by the end of the challenge
    # period follows from the jurisdiction.
    "eu-eprivacy-5-2": "jurisdiction",
    # French employers/contact centres: the cap follows from the jurisdiction, limited to the
    # training/quality purposes below.
    "fr-cnil-call-recording": "jurisdiction",
    # Sellers and telemarketers: the host's telemarketing activity decides.
    "us-ftc-tsr-310-5": "declared",
    # Debt collectors' records, including the recordings of calls they choose to record: whether a
    # call is debt collection (and the collector subject to the FDCPA) only the host knows.
    "us-cfpb-reg-f-1006-100": "declared",
    # Callers relying on prior express consent for autodialed/prerecorded calls: the host's calling
    # activity decides.
    "us-tcpa-consent-records": "declared",
    # Pennsylvania businesses recording customer-service calls under the business exception: the
    # cap follows from the jurisdiction, limited to the training/quality purposes below.
    "us-pa-5704-15": "jurisdiction",
    # SAC centres of federally regulated providers (telecom, banks, health plans): the host's sector
    # decides, not the caller's location alone.
    "br-sac-decree-11034": "declared",
    # Private-sector organisations recording customer calls in Canada: follows from the jurisdiction.
    "ca-pipeda": "jurisdiction",
    # Responsible parties holding recordings in South Africa: follows from the jurisdiction.
    "za-popia-14": "jurisdiction",
    # Organisations holding recordings with personal data in Singapore: follows from the jurisdiction.
    "sg-pdpa-retention": "jurisdiction",
    # The duty to preserve is realised by legal holds, which suspend deletion; the row documents it
    # and does not change any schedule.
    "us-legal-hold-duty": "reference",
    # QA/training recordings with no regulatory rule: a policy choice the host declares.
    "contact-centre-practice": "declared",
}

# Purposes a rule is limited to; rules not listed apply to any purpose.
PURPOSES = {
    # CNIL scope: recordings for training, evaluation or service quality; where a legal text
    # requires recording, that text governs instead.
    "fr-cnil-call-recording": "quality training",
    # Reported 5704(15) exception: recordings for training, quality control or monitoring, to be
    # destroyed within a year unless other law requires longer.
    "us-pa-5704-15": "quality training",
}

# Rules whose binding differs from `law`, or whose `law` needs saying.
BINDING = {
    # PCI DSS is an industry standard, not law: it binds through card-brand rules and acquirer
    # agreements (a contract), so it is labelled `contract`. Its only effect (card-data ranges
    # removed at once) needs no legal force, and a contract never keeps a recording past a maximum.
    "pci-dss-3-3-1": "contract",
    # No statutory retention period: the reference says min_days is a practice figure derived from
    # the 4-year limitation period for TCPA actions.
    "us-tcpa-consent-records": "practice",
    # The regime says 'not law': observed contact-centre practice, which must yield to legal rules.
    "contact-centre-practice": "practice",
}

# Day counts in the reference, as the calendar periods the rules state (years as 365 days, six
# months as 183). A day count not listed here stops the build rather than being guessed.
PERIODS = {
    # Brazil SAC decree: at least 90 days from the call; contact-centre practice: about 90 days.
    "90": "P90D",
    # CNIL: not beyond 6 months from collection; FCA COBS 11.8: at least 6 months.
    "183": "P6M",
    # FCA CMCOB: at least 12 months; CFTC 1.35 and 23.202: 1 year; 18 Pa.C.S. 5704(15): within one year.
    "365": "P1Y",
    # Contact-centre practice: up to 1-2 years, the upper end.
    "730": "P2Y",
    # SEC 17a-4(b)(4), FINRA 3170 and CFPB Regulation F: 3 years.
    "1095": "P3Y",
    # TCPA practice: the 4-year federal catch-all limitation period.
    "1460": "P4Y",
    # MiFID II, FCA SYSC 10A, FTC TSR: 5 years.
    "1825": "P5Y",
    # SEC 17a-4(a), FINRA 4511, HIPAA: 6 years.
    "2190": "P6Y",
    # PCI DSS: card verification codes must not be retained after authorization.
    "0": "P0D",
}

# Jurisdictions a rule also reaches beyond its code (and the code's subdivisions and, for EU, its
# member states), for `jurisdiction` rules.
ALSO = {
    # The row names "(also UK GDPR)": the UK kept the GDPR as retained law after leaving the EU.
    "eu-gdpr": "GB",
}

# worm_required as write_once. `partial` and `uncertain` fail closed: a write-once lock only forbids
# altering or deleting before the minimum, which the minimum already forbids, so the stricter
# reading costs nothing.
WRITE_ONCE = {"yes": "yes", "partial": "yes", "uncertain": "yes", "no": "no"}

COLUMNS = ["id", "code", "also", "name", "scope", "applies", "purposes", "minimum", "maximum", "binding",
           "write_once", "notes", "source"]

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PURPOSE_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
APPLIES_VALUES = {"declared", "jurisdiction", "card-data", "reference"}
BINDING_VALUES = {"law", "contract", "practice"}


def period(days: str, rule: str, column: str) -> str:
    if days == "":
        return ""
    if days not in PERIODS:
        sys.exit(f"{rule}: {column} {days!r} has no calendar period in this script; add one to PERIODS")
    return PERIODS[days]


def rule_id(row: dict, line: int) -> str:
    matches = [rule for rule, (code, marker) in RULE_IDS.items()
               if row["code"] == code and marker in row["regime"]]
    if len(matches) != 1:
        found = "no identifier" if not matches else "identifiers " + ", ".join(matches)
        sys.exit(f"row {line} ({row['code']}, {row['regime']}) matches {found}")
    return matches[0]


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_INPUT
    label = sys.argv[2] if len(sys.argv) > 2 else "2026.12.06"
    reader = csv.DictReader(source.open(encoding="utf-8", newline=""))
    rows = list(reader)
    if reader.fieldnames != REFERENCE_COLUMNS:
        sys.exit(f"{source} has columns {reader.fieldnames}, expected {REFERENCE_COLUMNS}")
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            sys.exit(f"row {line} of {source} does not have exactly {len(REFERENCE_COLUMNS)} columns")
        if not row["code"] or not row["regime"]:
            sys.exit(f"row {line} of {source} has no code or regime")
    for rule in RULE_IDS:
        if not ID_PATTERN.fullmatch(rule):
            sys.exit(f"{rule} is not a lower-case identifier of letters, digits and hyphens")
    for rule in list(APPLIES) + list(PURPOSES) + list(BINDING) + list(ALSO):
        if rule not in RULE_IDS:
            sys.exit(f"{rule} has extra rules here but no identifier")
    for rule in RULE_IDS:
        if APPLIES.get(rule) not in APPLIES_VALUES:
            sys.exit(f"{rule} has no valid `applies` value")
    for rule, binding in BINDING.items():
        if binding not in BINDING_VALUES:
            sys.exit(f"{rule} has binding {binding!r}, not one of {sorted(BINDING_VALUES)}")
    for rule, purposes in PURPOSES.items():
        if not all(PURPOSE_PATTERN.fullmatch(p) for p in purposes.split(" ")):
            sys.exit(f"{rule} has an invalid purpose list {purposes!r}")
    ids = [rule_id(row, line) for line, row in enumerate(rows, start=2)]
    if len(set(ids)) != len(ids):
        sys.exit(f"two rows of {source} map to the same identifier: {ids}")
    missing = [rule for rule in RULE_IDS if rule not in ids]
    if missing:
        sys.exit(f"no row of {source} for {', '.join(missing)}")
    if ids != list(RULE_IDS):
        print(f"note: rows of {source} are not in the expected order; mapped by content", file=sys.stderr)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rule, row in zip(ids, rows):
        if row["worm_required"] not in WRITE_ONCE:
            sys.exit(f"{rule}: worm_required {row['worm_required']!r} is not one of {sorted(WRITE_ONCE)}")
        writer.writerow([rule, row["code"], ALSO.get(rule, ""), row["regime"], row["scope"], APPLIES[rule],
                         PURPOSES.get(rule, ""), period(row["min_days"], rule, "min_days"),
                         period(row["max_days"], rule, "max_days"), BINDING.get(rule, "law"),
                         WRITE_ONCE[row["worm_required"]], row["notes"], row["source"]])
    text = out.getvalue()
    if '"""#' in text:
        sys.exit("the catalog text contains the raw-string terminator")
    if "\\#" in text or "\r" in text:
        sys.exit("the catalog text contains a raw-string escape or a carriage return")
    body = "".join(f"        {line}\n" for line in text[:-1].split("\n"))
    OUTPUT.write_text(
        "// Generated by Scripts/build-retention-catalog.py from the legal reference table\n"
        f"// retention-rules.csv ({len(rows)} regimes). Do not edit by hand: edit the table or the script's\n"
        "// additions, and run the script again.\n\n"
        "extension RetentionCatalog {\n"
        "    /// The version label of the bundled catalog; the catalog's ``version`` adds a digest of its text.\n"
        f'    static let bundledLabel = "callvault-{label}"\n\n'
        "    /// The bundled catalog, in CallVault's retention catalog format.\n"
        '    static let bundledText = #"""\n'
        f"{body}"
        '        """#\n'
        "}\n",
        encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(rows)} regimes")


if __name__ == "__main__":
    main()
