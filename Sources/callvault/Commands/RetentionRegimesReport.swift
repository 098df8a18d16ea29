import CallVaultRetention
import Foundation

/// What `retention regimes` reports; its JSON keys are part of the tool's interface.
struct RetentionRegimesReport: Encodable {
    struct Regime: Encodable {
        var id: String
        var name: String
        /// The catalog's code: a jurisdiction, or `ZZ` for a rule that binds everywhere.
        var jurisdiction: String
        /// Further places the rule binds (the UK for the GDPR).
        var alsoCovers: [String]
        var applies: String
        var purposes: [String]
        var minimum: String?
        var maximum: String?
        var writeOnce: Bool
        var binding: String
        var sources: [String]

        init(_ regime: RetentionRegime) {
            id = regime.id.rawValue
            name = regime.name
            jurisdiction = regime.code
            alsoCovers = regime.alsoCovers.map(\.code)
            applies = regime.applicability.rawValue
            purposes = regime.purposes.map(\.identifier).sorted()
            minimum = regime.minimum?.description
            maximum = regime.maximum?.description
            writeOnce = regime.writeOnce
            binding = regime.binding.rawValue
            sources = regime.sources
        }

        private enum CodingKeys: String, CodingKey {
            case id, name, jurisdiction, alsoCovers, applies, purposes, minimum, maximum, writeOnce, binding, sources
        }

        // Written out so an absent minimum or maximum is `null`, not a missing key: scripts can
        // tell "no limit" from a report of another shape.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(jurisdiction, forKey: .jurisdiction)
            try container.encode(alsoCovers, forKey: .alsoCovers)
            try container.encode(applies, forKey: .applies)
            try container.encode(purposes, forKey: .purposes)
            try container.encode(minimum, forKey: .minimum)
            try container.encode(maximum, forKey: .maximum)
            try container.encode(writeOnce, forKey: .writeOnce)
            try container.encode(binding, forKey: .binding)
            try container.encode(sources, forKey: .sources)
        }
    }

    var catalogVersion: String
    var regimes: [Regime]

    init(_ catalog: RetentionCatalog) {
        catalogVersion = catalog.version
        regimes = catalog.regimes.map(Regime.init)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The widest a name is printed; longer names are cut at a word and end in "...".
    static let nameWidth = 34

    /// The catalog as a table a person reads, then the rules limited to purposes, then the version.
    static func text(for catalog: RetentionCatalog) -> String {
        let header = ["ID", "NAME", "PLACE", "APPLIES", "MIN", "MAX", "WRITE-ONCE", "BINDING"]
        let rows = catalog.regimes.map { regime in
            [
                regime.id.rawValue, shortened(regime.name, to: nameWidth), place(of: regime),
                regime.applicability.rawValue, regime.minimum?.description ?? "-", regime.maximum?.description ?? "-",
                regime.writeOnce ? "yes" : "no", regime.binding.rawValue,
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).enumerated()
                .map { index, pair in
                    index == fields.count - 1
                        ? pair.0 : pair.0 + String(repeating: " ", count: max(0, pair.1 - pair.0.count))
                }
                .joined(separator: "  ")
        }
        var lines = [line(header)] + rows.map(line)
        let limited = catalog.regimes.filter { !$0.purposes.isEmpty }
        if !limited.isEmpty {
            lines += ["", "Limited to purposes (other purposes are not affected):"]
            lines += limited.map {
                "  \($0.id): \($0.purposes.map(\.identifier).sorted().joined(separator: ", "))"
            }
        }
        lines += [
            "",
            "Minimums count from the end of a call, maximums from its start; '-' means none. "
                + "Names, scopes, notes and sources in full: --json.",
            "Catalog: \(catalog.version) (\(catalog.regimes.count) regime\(catalog.regimes.count == 1 ? "" : "s")).",
        ]
        return lines.joined(separator: "\n")
    }

    /// Where a rule binds, for a person: the code and any further places, or "everywhere".
    static func place(of regime: RetentionRegime) -> String {
        guard let jurisdiction = regime.jurisdiction else { return "everywhere" }
        return ([jurisdiction] + regime.alsoCovers).map(\.code).joined(separator: "+")
    }

    /// `text` cut to at most `width` characters at a word boundary, ending in "..." when cut.
    static func shortened(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        var cut = String(text.prefix(width - 3))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) >= width / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "," || last == "(" || last == "/" || last == "-" {
            cut.removeLast()
        }
        return cut + "..."
    }
}
