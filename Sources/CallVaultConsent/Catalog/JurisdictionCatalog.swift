public import CallVaultCore
import CallVaultCrypto

/// Consent rules by jurisdiction: the bundled catalog, a host's own, or the bundled one with a
/// host's overrides.
///
/// Catalogs are CSV files with a header line. Required columns: `code` (ISO 3166-1/2), `name`,
/// `consent_model` (`one-party`, `all-party`, `mixed`, `lawful-basis`, `uncertain`),
/// `notice_counts_as_consent` (`yes`, `no`, `n/a`, `uncertain`), `notes`, `source`. Optional:
/// `landline`, `mobile`, `voip` (a model per medium, required for `mixed` rows), `floors`
/// (space-separated jurisdictions that also bind, such as `EU`), `data_protection`
/// (`lawful-basis` where a data-protection law asks a lawful basis for each purpose),
/// `recorded_notice` (`required` where the announcement must be on the recording,
/// `required-or-tone` where a warning tone about every 15 seconds may stand instead) and
/// `reviewed` (the ISO 8601 date, `2026-12-06`, the row was last checked against its sources;
/// catalogs written before the column existed load without it, and their rows have no date).
///
/// A country with rows for any of its subdivisions is taken to have rules that differ by
/// subdivision: its bare code, and its subdivisions without rows, then read as unknown (strict). The bundled catalog is built from
/// CallVault's legal reference table (76 jurisdictions, each with sources).
///
/// Every decision is stamped with the catalog's ``version``: its label plus a digest of its text,
/// so two catalogs with the same label but different rules never share a version.
///
/// ```swift
/// let legal = try JurisdictionCatalog(csv: teamFile, label: "acme-legal-2026-10")
/// let catalog = try JurisdictionCatalog.bundled.overriding(with: legal)
/// ```
public struct JurisdictionCatalog: Sendable {
    /// The label and digest that every decision records.
    public let version: String
    /// The rules, by jurisdiction.
    public let rules: [Jurisdiction: JurisdictionRule]
    /// Countries that have rows for some of their subdivisions (their rules differ by subdivision).
    let subdividedCountries: Set<Jurisdiction>
    /// What every location the catalog names (and `unknown`) comes to, per medium, worked out
    /// once: resolving a call is then a lookup per party.
    private(set) var findings: [Jurisdiction: [LocationFinding]] = [:]

    static let requiredColumns = ["code", "name", "consent_model", "notice_counts_as_consent", "notes", "source"]
    static let optionalColumns = [
        "landline", "mobile", "voip", "floors", "data_protection", "recorded_notice", "reviewed",
    ]

    /// The catalog that ships with CallVault.
    public static var bundled: JurisdictionCatalog {
        get throws { try bundledResult.get() }
    }

    private static let bundledResult = Result { () throws in
        try JurisdictionCatalog(csv: bundledText, label: bundledLabel)
    }

    /// Builds a catalog from rules given in code.
    public init(rules: [JurisdictionRule], version: String) {
        var byJurisdiction: [Jurisdiction: JurisdictionRule] = [:]
        for rule in rules { byJurisdiction[rule.jurisdiction] = rule }
        self.rules = byJurisdiction
        self.version = version
        self.subdividedCountries = Set(rules.compactMap(\.jurisdiction.country))
        var findings: [Jurisdiction: [LocationFinding]] = [:]
        for location in Array(byJurisdiction.keys) + [.unknown] {
            findings[location] = CallMedium.allCases.map { evaluate(location, medium: $0) }
        }
        self.findings = findings
    }

    /// Parses a catalog file.
    ///
    /// - Parameters:
    ///   - csv: the file's text.
    ///   - label: a name for this catalog (for example the legal team's file name and date).
    /// - Throws: ``ConsentCatalogError``, naming the line and column at fault.
    public init(csv: String, label: String) throws {
        let table: CatalogTable
        do {
            table = try CatalogTable(csv: csv, required: Self.requiredColumns, optional: Self.optionalColumns)
        } catch {
            throw ConsentCatalogError.reading(error)
        }
        var rules: [JurisdictionRule] = []
        var firstLine: [Jurisdiction: Int] = [:]
        for record in table.rows {
            let row = RowReader(line: record.line, catalog: label, values: record.values)
            let rule = try row.rule()
            if let earlier = firstLine[rule.jurisdiction] {
                throw ConsentCatalogError.duplicateJurisdiction(
                    line: record.line, code: rule.jurisdiction.code, firstLine: earlier)
            }
            firstLine[rule.jurisdiction] = record.line
            rules.append(rule)
        }
        guard !rules.isEmpty else { throw ConsentCatalogError.empty }
        let digest = (try? BLAKE2b.hash(Array(csv.utf8), outputByteCount: 16).description.prefix(16)) ?? "unhashed"
        self.init(rules: rules, version: "\(label)+\(digest)")
    }

    /// The rule for exactly `jurisdiction`, if the catalog has one.
    public func rule(for jurisdiction: Jurisdiction) -> JurisdictionRule? {
        rules[jurisdiction]
    }

    /// Whether the catalog has rules for some subdivisions of `country`, so that the country code
    /// alone does not say which rules apply.
    public func hasSubdivisions(of country: Jurisdiction) -> Bool {
        subdividedCountries.contains(country)
    }

    /// This catalog with `overrides`' rows replacing or adding to its own; the version names both.
    public func overriding(with overrides: JurisdictionCatalog) -> JurisdictionCatalog {
        JurisdictionCatalog(
            rules: Array(rules.merging(overrides.rules) { _, override in override }.values),
            version: "\(version) overridden by \(overrides.version)")
    }
}

/// Reads one catalog row's fields into a rule, naming the line and column of any bad value.
private struct RowReader {
    let line: Int
    let catalog: String
    let values: [String: String]

    func field(_ column: String) -> String {
        (values[column] ?? "").trimmingSpaces()
    }

    func rule() throws(ConsentCatalogError) -> JurisdictionRule {
        let code = field("code")
        let jurisdiction: Jurisdiction
        do {
            jurisdiction = try Jurisdiction(parsing: code)
        } catch {
            throw .invalidValue(line: line, column: "code", value: code, expected: "an ISO 3166-1 or 3166-2 code")
        }
        guard !jurisdiction.isUnknown else {
            throw .invalidValue(
                line: line, column: "code", value: code, expected: "a known place (unknown is always strict)")
        }
        let model = try consentModel("consent_model", allowEmpty: false) ?? .uncertain
        let noticeValue = field("notice_counts_as_consent")
        guard let notice = NoticeAsConsent(catalogValue: noticeValue) else {
            throw .invalidValue(
                line: line, column: "notice_counts_as_consent", value: noticeValue,
                expected: "yes, no, n/a or uncertain")
        }
        var mediumModels: [CallMedium: ConsentModel] = [:]
        for medium in CallMedium.allCases {
            if let specific = try consentModel(medium.description, allowEmpty: true) {
                guard specific != .mixed else {
                    throw .invalidValue(
                        line: line, column: medium.description, value: "mixed",
                        expected: "one-party, all-party, lawful-basis or uncertain")
                }
                mediumModels[medium] = specific
            }
        }
        if model == .mixed, mediumModels.count != CallMedium.allCases.count {
            throw .mixedWithoutMediumModels(line: line, code: jurisdiction.code)
        }
        var floors: [Jurisdiction] = []
        for floor in field("floors").split(separator: " ") {
            do {
                floors.append(try Jurisdiction(parsing: String(floor)))
            } catch {
                throw .invalidValue(line: line, column: "floors", value: String(floor), expected: "a jurisdiction code")
            }
        }
        let dataProtection = field("data_protection")
        guard dataProtection.isEmpty || dataProtection == "lawful-basis" else {
            throw .invalidValue(
                line: line, column: "data_protection", value: dataProtection, expected: "empty or lawful-basis")
        }
        let recordedNoticeValue = field("recorded_notice")
        var recordedNotice: RecordedNotice?
        if !recordedNoticeValue.isEmpty {
            guard let value = RecordedNotice(catalogValue: recordedNoticeValue) else {
                throw .invalidValue(
                    line: line, column: "recorded_notice", value: recordedNoticeValue,
                    expected: "empty, required or required-or-tone")
            }
            recordedNotice = value
        }
        let name = field("name")
        guard !name.isEmpty else {
            throw .invalidValue(line: line, column: "name", value: "", expected: "a name")
        }
        return JurisdictionRule(
            jurisdiction: jurisdiction, name: name, model: model, noticeAsConsent: notice,
            mediumModels: mediumModels, floors: floors, hasDataProtectionLaw: !dataProtection.isEmpty,
            recordedNotice: recordedNotice, notes: field("notes"), source: field("source"), reviewed: try reviewed(),
            catalog: catalog, line: line)
    }

    /// The review date, if the catalog gives one: a real calendar date written `YYYY-MM-DD`.
    func reviewed() throws(ConsentCatalogError) -> String? {
        let value = field("reviewed")
        if value.isEmpty { return nil }
        guard value.utf8.count == 10, CivilTime.parseISO8601(value + "T00:00:00Z") != nil else {
            throw .invalidValue(
                line: line, column: "reviewed", value: value, expected: "a date written YYYY-MM-DD, such as 2026-12-06")
        }
        return value
    }

    func consentModel(_ column: String, allowEmpty: Bool) throws(ConsentCatalogError) -> ConsentModel? {
        let value = field(column)
        if value.isEmpty, allowEmpty { return nil }
        guard let model = ConsentModel(catalogValue: value) else {
            throw .invalidValue(
                line: line, column: column, value: value,
                expected: "one-party, all-party, mixed, lawful-basis or uncertain")
        }
        return model
    }
}
