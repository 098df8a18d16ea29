import CallVaultCore
import CallVaultCrypto
import Foundation

/// Retention rules: the bundled catalog of laws and standards, a host's own, or the bundled one
/// with a host's overrides.
///
/// Catalogs are CSV files with a header line. Required columns: `id` (the rule id), `code` (the
/// jurisdiction, ISO 3166-1/2 or `EU`; `ZZ` for everywhere), `name`, `applies` (`declared`,
/// `jurisdiction`, `card-data`, `reference`; see ``RetentionRegime/Applicability``), `minimum`
/// and `maximum` (ISO 8601 periods such as `P5Y`, or empty), `binding` (`law`, `contract`, `practice`),
/// `write_once` (`yes`, `no`). Optional: `also` (space-separated jurisdictions the rule also
/// binds), `scope`, `purposes` (space-separated purpose ids the rule is limited to), `notes`,
/// `source` (sources separated by ` ; `). The bundled catalog is built from CallVault's legal
/// reference table (25 regimes, each with sources).
///
/// Every schedule is stamped with the catalog's ``version``: its label plus a digest of its text.
///
/// ```swift
/// let ours = try RetentionCatalog(csv: legalTeamFile, label: "acme-legal-2026-10")
/// let catalog = try RetentionCatalog.bundled.overriding(with: ours)
/// ```
public struct RetentionCatalog: Sendable {
    /// The label and digest every schedule records.
    public let version: String
    /// The regimes, in catalog order.
    public let regimes: [RetentionRegime]
    private let byID: [RetentionRuleID: Int]

    static let requiredColumns = ["id", "code", "name", "applies", "minimum", "maximum", "binding", "write_once"]
    static let optionalColumns = ["also", "scope", "purposes", "notes", "source"]

    /// The catalog that ships with CallVault.
    public static var bundled: RetentionCatalog {
        get throws { try bundledResult.get() }
    }

    private static let bundledResult = Result { () throws in
        try RetentionCatalog(csv: bundledText, label: bundledLabel)
    }

    /// Builds a catalog from regimes given in code; a later regime replaces an earlier one with the
    /// same id.
    public init(regimes: [RetentionRegime], version: String) {
        var ordered: [RetentionRegime] = []
        var byID: [RetentionRuleID: Int] = [:]
        for regime in regimes {
            if let index = byID[regime.id] {
                ordered[index] = regime
            } else {
                byID[regime.id] = ordered.count
                ordered.append(regime)
            }
        }
        self.regimes = ordered
        self.byID = byID
        self.version = version
    }

    /// Parses a catalog file.
    ///
    /// - Parameters:
    ///   - csv: the file's text.
    ///   - label: a name for this catalog (for example the legal team's file name and date).
    /// - Throws: ``RetentionCatalogError``, naming the line and column at fault.
    public init(csv: String, label: String) throws {
        let table: CatalogTable
        do {
            table = try CatalogTable(csv: csv, required: Self.requiredColumns, optional: Self.optionalColumns)
        } catch {
            throw RetentionCatalogError.reading(error)
        }
        var regimes: [RetentionRegime] = []
        var firstLine: [RetentionRuleID: Int] = [:]
        for record in table.rows {
            let row = RegimeRowReader(line: record.line, values: record.values)
            let regime = try row.regime()
            if let earlier = firstLine[regime.id] {
                throw RetentionCatalogError.duplicateRule(line: record.line, id: regime.id.rawValue, firstLine: earlier)
            }
            firstLine[regime.id] = record.line
            regimes.append(regime)
        }
        guard !regimes.isEmpty else { throw RetentionCatalogError.empty }
        let digest = (try? BLAKE2b.hash(Array(csv.utf8), outputByteCount: 16).description.prefix(16)) ?? "unhashed"
        self.init(regimes: regimes, version: "\(label)+\(digest)")
    }

    /// The regime with `id`, if the catalog has one.
    public func regime(_ id: RetentionRuleID) -> RetentionRegime? {
        byID[id].map { regimes[$0] }
    }

    /// This catalog with `overrides`' regimes replacing (by id) or adding to its own; the version
    /// names both.
    public func overriding(with overrides: RetentionCatalog) -> RetentionCatalog {
        RetentionCatalog(regimes: regimes + overrides.regimes, version: "\(version) overridden by \(overrides.version)")
    }
}

/// Reads one catalog row's fields into a regime, naming the line and column of any bad value.
private struct RegimeRowReader {
    let line: Int
    let values: [String: String]

    func field(_ column: String) -> String {
        (values[column] ?? "").trimmingSpaces()
    }

    func regime() throws(RetentionCatalogError) -> RetentionRegime {
        let idText = field("id")
        guard let id = try? RetentionRuleID(idText) else {
            throw .invalidValue(
                line: line, column: "id", value: idText,
                expected: "a rule id of lower-case letters, digits, hyphens or dots")
        }
        let code = field("code")
        let jurisdiction: Jurisdiction?
        if code.uppercased() == "ZZ" {
            jurisdiction = nil
        } else if let parsed = try? Jurisdiction(parsing: code), !parsed.isUnknown {
            jurisdiction = parsed
        } else {
            throw .invalidValue(
                line: line, column: "code", value: code, expected: "a jurisdiction code such as FR, US-PA or EU, or ZZ")
        }
        var also: [Jurisdiction] = []
        for text in field("also").split(separator: " ") {
            guard let place = try? Jurisdiction(parsing: String(text)), !place.isUnknown else {
                throw .invalidValue(line: line, column: "also", value: String(text), expected: "a jurisdiction code")
            }
            also.append(place)
        }
        let name = field("name")
        guard !name.isEmpty else {
            throw .invalidValue(line: line, column: "name", value: "", expected: "the rule's name")
        }
        guard let applicability = RetentionRegime.Applicability(rawValue: field("applies")) else {
            throw .invalidValue(
                line: line, column: "applies", value: field("applies"),
                expected: "one of declared, jurisdiction, card-data, reference")
        }
        var purposes = Set<Purpose>()
        for text in field("purposes").split(separator: " ") {
            guard let purpose = try? Purpose(String(text)) else {
                throw .invalidValue(
                    line: line, column: "purposes", value: String(text), expected: "a purpose id such as quality")
            }
            purposes.insert(purpose)
        }
        let minimum = try period("minimum")
        let maximum = try period("maximum")
        if let minimum, let maximum, RetentionRegime.isLonger(minimum, than: maximum) {
            throw .minimumExceedsMaximum(line: line, id: id.rawValue)
        }
        guard let binding = RetentionRegime.Binding(rawValue: field("binding")) else {
            throw .invalidValue(
                line: line, column: "binding", value: field("binding"), expected: "law, contract or practice")
        }
        let writeOnce: Bool
        switch field("write_once") {
        case "yes": writeOnce = true
        case "no": writeOnce = false
        default:
            throw .invalidValue(line: line, column: "write_once", value: field("write_once"), expected: "yes or no")
        }
        if applicability == .cardData, maximum == nil {
            throw .invalidValue(
                line: line, column: "maximum", value: "", expected: "a maximum for a card-data rule (P0D: none kept)")
        }
        return RetentionRegime(
            id: id, jurisdiction: jurisdiction, alsoCovers: also, name: name, scope: field("scope"),
            applicability: applicability, purposes: purposes, minimum: minimum, maximum: maximum, binding: binding,
            writeOnce: writeOnce, notes: field("notes"),
            sources: field("source").components(separatedBy: " ; ").map { $0.trimmingSpaces() }.filter { !$0.isEmpty })
    }

    func period(_ column: String) throws(RetentionCatalogError) -> RetentionPeriod? {
        let text = field(column)
        guard !text.isEmpty else { return nil }
        do {
            return try RetentionPeriod(iso8601: text)
        } catch {
            throw .invalidValue(
                line: line, column: column, value: text, expected: "an ISO 8601 period such as P5Y, P6M or P90D")
        }
    }
}

extension RetentionRegime {
    /// Whether `period` ends later than `other` from the same start (compared from 1 January 2001,
    /// a date on which no rounding applies to whole years and months).
    static func isLonger(_ period: RetentionPeriod, than other: RetentionPeriod) -> Bool {
        let start = Date(timeIntervalSinceReferenceDate: 0)
        return period.end(from: start, rounding: .later) > other.end(from: start, rounding: .later)
    }
}
