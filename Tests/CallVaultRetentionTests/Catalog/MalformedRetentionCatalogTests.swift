import CallVaultRetention
import Testing

/// Catalog files with one defect each: loading throws the exact typed error, and its message
/// names the line and the column (or the rule) at fault.
@Suite("Malformed retention catalogs")
struct MalformedRetentionCatalogTests {
    static let header = "id,code,name,applies,minimum,maximum,binding,write_once"
    static let fullHeader = "id,code,also,name,scope,applies,purposes,minimum,maximum,binding,write_once,notes,source"
    static let good = "acme-keep,FR,Acme keep rule,declared,P1Y,,law,no"
    static let known =
        "a known column (id, code, name, applies, minimum, maximum, binding, write_once, also, scope, purposes, notes, source)"

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let csv: String
        let error: RetentionCatalogError
        let mentions: [String]

        var testDescription: String { name }
    }

    static func rows(_ lines: String...) -> String {
        lines.joined(separator: "\n")
    }

    static let corpus: [Case] = [
        Case(
            name: "missing required column",
            csv: rows("id,code,name,applies,minimum,maximum,binding", "acme-keep,FR,Acme,declared,P1Y,,law"),
            error: .missingColumn("write_once"), mentions: ["header line", "'write_once'"]),
        Case(
            name: "unknown column", csv: rows(header + ",region", good + ",north"),
            error: .invalidValue(line: 1, column: "region", value: "region", expected: known),
            mentions: ["line 1", "'region'"]),
        Case(
            name: "duplicate column", csv: rows(header + ",notes,notes", good + ",a,b"),
            error: .invalidValue(line: 1, column: "notes", value: "notes", expected: "a column named only once"),
            mentions: ["line 1", "'notes'", "only once"]),
        Case(
            name: "too many fields", csv: rows(header, good, "acme-two,FR,Acme, two,declared,P1Y,,law,no"),
            error: .wrongFieldCount(line: 3, expected: 8, found: 9), mentions: ["line 3", "9 fields", "8"]),
        Case(
            name: "too few fields", csv: rows(header, "acme-keep,FR,Acme,declared,P1Y,law,no"),
            error: .wrongFieldCount(line: 2, expected: 8, found: 7), mentions: ["line 2", "7 fields"]),
        Case(
            name: "bad id", csv: rows(header, good, "Acme_Keep,FR,Acme,declared,P1Y,,law,no"),
            error: .invalidValue(
                line: 3, column: "id", value: "Acme_Keep",
                expected: "a rule id of lower-case letters, digits, hyphens or dots"),
            mentions: ["line 3", "'id'", "'Acme_Keep'"]),
        Case(
            name: "empty id", csv: rows(header, ",FR,Acme,declared,P1Y,,law,no"),
            error: .invalidValue(
                line: 2, column: "id", value: "", expected: "a rule id of lower-case letters, digits, hyphens or dots"),
            mentions: ["line 2", "'id'"]),
        Case(
            name: "bad code", csv: rows(header, "acme-keep,FRA,Acme,declared,P1Y,,law,no"),
            error: .invalidValue(
                line: 2, column: "code", value: "FRA", expected: "a jurisdiction code such as FR, US-PA or EU, or ZZ"),
            mentions: ["line 2", "'code'", "'FRA'"]),
        Case(
            name: "unknown code is not a place", csv: rows(header, "acme-keep,unknown,Acme,declared,P1Y,,law,no"),
            error: .invalidValue(
                line: 2, column: "code", value: "unknown",
                expected: "a jurisdiction code such as FR, US-PA or EU, or ZZ"),
            mentions: ["line 2", "'code'"]),
        Case(
            name: "bad also",
            csv: rows(fullHeader, "acme-keep,FR,GB X1,Acme,,declared,,P1Y,,law,no,,"),
            error: .invalidValue(line: 2, column: "also", value: "X1", expected: "a jurisdiction code"),
            mentions: ["line 2", "'also'", "'X1'"]),
        Case(
            name: "empty name", csv: rows(header, "acme-keep,FR,  ,declared,P1Y,,law,no"),
            error: .invalidValue(line: 2, column: "name", value: "", expected: "the rule's name"),
            mentions: ["line 2", "'name'"]),
        Case(
            name: "bad applies", csv: rows(header, "acme-keep,FR,Acme,always,P1Y,,law,no"),
            error: .invalidValue(
                line: 2, column: "applies", value: "always",
                expected: "one of declared, jurisdiction, card-data, reference"
            ),
            mentions: ["line 2", "'applies'", "'always'"]),
        Case(
            name: "bad purpose",
            csv: rows(fullHeader, "acme-keep,FR,,Acme,,jurisdiction,quality Training,,P6M,law,no,,"),
            error: .invalidValue(
                line: 2, column: "purposes", value: "Training", expected: "a purpose id such as quality"),
            mentions: ["line 2", "'purposes'", "'Training'"]),
        Case(
            name: "bad minimum period", csv: rows(header, "acme-keep,FR,Acme,declared,P1W,,law,no"),
            error: .invalidValue(
                line: 2, column: "minimum", value: "P1W", expected: "an ISO 8601 period such as P5Y, P6M or P90D"),
            mentions: ["line 2", "'minimum'", "'P1W'"]),
        Case(
            name: "bad maximum period", csv: rows(header, "acme-keep,FR,Acme,declared,,1825,law,no"),
            error: .invalidValue(
                line: 2, column: "maximum", value: "1825", expected: "an ISO 8601 period such as P5Y, P6M or P90D"),
            mentions: ["line 2", "'maximum'", "'1825'"]),
        Case(
            name: "minimum longer than maximum", csv: rows(header, good, "acme-odd,FR,Acme,declared,P2Y,P18M,law,no"),
            error: .minimumExceedsMaximum(line: 3, id: "acme-odd"), mentions: ["line 3", "acme-odd", "minimum longer"]),
        Case(
            name: "bad binding", csv: rows(header, "acme-keep,FR,Acme,declared,P1Y,,guideline,no"),
            error: .invalidValue(line: 2, column: "binding", value: "guideline", expected: "law, contract or practice"),
            mentions: ["line 2", "'binding'", "'guideline'"]),
        Case(
            name: "bad write_once", csv: rows(header, "acme-keep,FR,Acme,declared,P1Y,,law,true"),
            error: .invalidValue(line: 2, column: "write_once", value: "true", expected: "yes or no"),
            mentions: ["line 2", "'write_once'", "'true'"]),
        Case(
            name: "duplicate id", csv: rows(header, good, "acme-other,FR,Other,declared,P2Y,,law,no", good),
            error: .duplicateRule(line: 4, id: "acme-keep", firstLine: 2),
            mentions: ["line 4", "acme-keep", "line 2"]),
        Case(
            name: "card-data rule without a maximum", csv: rows(header, "acme-card,ZZ,Card,card-data,,,law,no"),
            error: .invalidValue(
                line: 2, column: "maximum", value: "", expected: "a maximum for a card-data rule (P0D: none kept)"),
            mentions: ["line 2", "'maximum'", "card-data"]),
        Case(
            name: "unterminated quote", csv: rows(header, good, "acme-two,FR,\"Acme two,declared,P1Y,,law,no"),
            error: .malformedFile(line: 3, reason: "a quoted field is never closed"),
            mentions: ["line 3", "never closed"]),
        Case(
            name: "quote inside an unquoted field",
            csv: rows(header, "acme-keep,FR,Acme \"keep\",declared,P1Y,,law,no"),
            error: .malformedFile(
                line: 2, reason: "a quote inside an unquoted field; quote the whole field and double inner quotes"),
            mentions: ["line 2", "quote"]),
        Case(
            name: "text after a closing quote", csv: rows(header, "acme-keep,FR,\"Acme\" rule,declared,P1Y,,law,no"),
            error: .malformedFile(line: 2, reason: "text after a closing quote; put the whole field in quotes"),
            mentions: ["line 2", "closing quote"]),
        Case(
            name: "line numbers count the line breaks inside quoted fields",
            csv: rows(
                fullHeader, "acme-keep,FR,,Acme,,declared,,P1Y,,law,no,\"first line", "second line\",",
                "acme-bad,FR,,Acme,,declared,,P1Y,,statute,no,,"),
            error: .invalidValue(line: 4, column: "binding", value: "statute", expected: "law, contract or practice"),
            mentions: ["line 4", "'binding'"]),
        Case(name: "empty file", csv: "", error: .empty, mentions: ["no rules"]),
        Case(name: "blank lines only", csv: "\n\n\n", error: .empty, mentions: ["no rules"]),
        Case(name: "header only", csv: header + "\n", error: .empty, mentions: ["no rules"]),
    ]

    @Test("each defect throws its typed error naming the line and column", arguments: corpus)
    func malformed(_ entry: Case) {
        let error: RetentionCatalogError?
        do {
            _ = try RetentionCatalog(csv: entry.csv, label: "host")
            error = nil
        } catch {
            #expect(error as? RetentionCatalogError == entry.error)
            for phrase in entry.mentions {
                #expect("\(error)".contains(phrase), "'\(phrase)' not in: \(error)")
            }
            return
        }
        Issue.record("the catalog loaded: \(String(describing: error))")
    }

    @Test("the corpus covers at least fifteen distinct defects")
    func corpusSize() {
        #expect(Self.corpus.count >= 15)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count)
    }

    @Test("a well-formed host catalog loads, with optional columns, quotes, CRLF and a byte-order mark")
    func wellFormed() throws {
        let csv =
            "\u{FEFF}" + Self.fullHeader + "\r\n"
            + "acme-sales,US-PA,US-NJ us-ny,\"Sales, inbound\",Sales calls,jurisdiction,quality training,P30D,P1Y,practice,no,\"Say \"\"hello\"\"\",https://a.example ; https://b.example\r\n"
            + "\r\n"
            + "acme.card,zz,,Card data,,card-data,,,P0D,law,yes,,\r\n"
        let catalog = try RetentionCatalog(csv: csv, label: "acme-2026-11")
        #expect(catalog.regimes.map(\.id.rawValue) == ["acme-sales", "acme.card"])
        let sales = try #require(catalog.regime("acme-sales"))
        #expect(sales.name == "Sales, inbound")
        #expect(sales.jurisdiction?.code == "US-PA")
        #expect(sales.alsoCovers.map(\.code) == ["US-NJ", "US-NY"])
        #expect(Set(sales.purposes.map(\.identifier)) == ["quality", "training"])
        #expect(sales.minimum == (try RetentionPeriod(iso8601: "P30D")))
        #expect(sales.maximum == (try RetentionPeriod(iso8601: "P1Y")))
        #expect(sales.binding == .practice)
        #expect(sales.notes == "Say \"hello\"")
        #expect(sales.sources == ["https://a.example", "https://b.example"])
        let card = try #require(catalog.regime("acme.card"))
        #expect(card.jurisdiction == nil)
        #expect(card.code == "ZZ")
        #expect(card.applicability == .cardData)
        #expect(card.maximum == .zero)
        #expect(card.writeOnce)
        #expect(card.sources.isEmpty)
        #expect(catalog.version.hasPrefix("acme-2026-11+"))
    }
}
