import CallVaultConsent
import CallVaultCore
import Testing

/// A host's catalog file with one defect each: the load fails with a typed error that names the line.
@Suite("Catalog loading errors")
struct CatalogLoadingErrorTests {
    static let header = ResolutionFixture.requiredHeader
    static let goodRow = "XA,Exampleland,one-party,n/a,notes,https://example.org/xa"

    /// The error loading `csv` throws, or `nil` if it loads.
    static func loadError(_ csv: String) -> ConsentCatalogError? {
        do {
            _ = try JurisdictionCatalog(csv: csv, label: "host")
            return nil
        } catch let error as ConsentCatalogError {
            return error
        } catch {
            Issue.record("expected a ConsentCatalogError, got \(error)")
            return nil
        }
    }

    static func expect(
        _ csv: String, throws expected: ConsentCatalogError, mentioning phrases: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = loadError(csv)
        #expect(error == expected, sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(
                error?.description.contains(phrase) == true, "'\(phrase)' not in \(String(describing: error))",
                sourceLocation: sourceLocation)
        }
    }

    @Test("a missing required column is named")
    func missingColumn() {
        Self.expect(
            "code,name,consent_model,notice_counts_as_consent,notes\nXA,Exampleland,one-party,n/a,notes",
            throws: .missingColumn("source"), mentioning: ["line 1", "header", "'source'"])
    }

    @Test("an unknown column is refused on line 1")
    func unknownColumn() {
        Self.expect(
            "\(Self.header),region\n\(Self.goodRow),north",
            throws: .invalidValue(
                line: 1, column: "region", value: "region",
                expected:
                    "a known column (code, name, consent_model, notice_counts_as_consent, notes, source, landline, mobile, voip, floors, data_protection, recorded_notice, reviewed)"
            ),
            mentioning: ["line 1", "'region'"])
    }

    @Test("a row with the wrong number of fields names its line and both counts")
    func wrongFieldCount() {
        Self.expect(
            "\(Self.header)\n\(Self.goodRow)\nXB,Otherland,one-party,n/a,notes with, a comma,https://example.org/xb",
            throws: .wrongFieldCount(line: 3, expected: 6, found: 7), mentioning: ["line 3", "7 fields", "6"])
    }

    @Test("a consent model the format does not know names its line and column")
    func badConsentModel() {
        Self.expect(
            "\(Self.header)\n\(Self.goodRow)\nXB,Otherland,two-party,yes,notes,https://example.org/xb",
            throws: .invalidValue(
                line: 3, column: "consent_model", value: "two-party",
                expected: "one-party, all-party, mixed, lawful-basis or uncertain"),
            mentioning: ["line 3", "consent_model", "two-party"])
    }

    @Test("a notice value the format does not know names its line and column")
    func badNotice() {
        Self.expect(
            "\(Self.header)\n\(Self.goodRow)\nXB,Otherland,all-party,sometimes,notes,https://example.org/xb",
            throws: .invalidValue(
                line: 3, column: "notice_counts_as_consent", value: "sometimes", expected: "yes, no, n/a or uncertain"),
            mentioning: ["line 3", "notice_counts_as_consent", "sometimes"])
    }

    @Test("a code that is not ISO 3166 names its line", arguments: ["USA-CA", "U1", "", "US-TOOLONG", "X"])
    func badCode(code: String) {
        Self.expect(
            "\(Self.header)\n\(Self.goodRow)\n\(code),Otherland,one-party,n/a,notes,https://example.org/xb",
            throws: .invalidValue(line: 3, column: "code", value: code, expected: "an ISO 3166-1 or 3166-2 code"),
            mentioning: ["line 3", "'code'"])
    }

    @Test("'unknown' cannot be given a rule")
    func unknownCode() {
        let error = Self.loadError("\(Self.header)\nunknown,Nowhere,one-party,n/a,notes,https://example.org")
        guard case .invalidValue(line: 2, column: "code", value: "unknown", expected: _) = error?.reason else {
            Issue.record("expected an invalid code on line 2, got \(String(describing: error))")
            return
        }
    }

    @Test("a repeated code names both lines, even when spelled in another case")
    func duplicateCode() {
        Self.expect(
            "\(Self.header)\n\(Self.goodRow)\nXB,Otherland,one-party,n/a,notes,https://example.org/xb\nxa,Again,all-party,no,notes,https://example.org",
            throws: .duplicateJurisdiction(line: 4, code: "XA", firstLine: 2), mentioning: ["line 4", "line 2", "XA"])
    }

    @Test(
        "a mixed row without a model for each medium names its line",
        arguments: [
            "\(ResolutionFixture.fullHeader)\nXA,Mixland,mixed,yes,all-party,,one-party,,notes,https://example.org",
            "\(ResolutionFixture.fullHeader)\nXA,Mixland,mixed,yes,,,,,notes,https://example.org",
            "\(ResolutionFixture.requiredHeader)\nXA,Mixland,mixed,yes,notes,https://example.org",
        ])
    func mixedWithoutMedia(csv: String) {
        Self.expect(csv, throws: .mixedWithoutMediumModels(line: 2, code: "XA"), mentioning: ["line 2", "XA", "mixed"])
    }

    @Test("a per-medium model cannot itself be mixed")
    func mixedMediumModel() {
        let csv =
            "\(ResolutionFixture.fullHeader)\nXA,Mixland,mixed,yes,all-party,mixed,one-party,,notes,https://example.org"
        Self.expect(
            csv,
            throws: .invalidValue(
                line: 2, column: "mobile", value: "mixed", expected: "one-party, all-party, lawful-basis or uncertain"),
            mentioning: ["line 2", "mobile"])
    }

    @Test("a bad floor code names its line")
    func badFloor() {
        let csv = "\(ResolutionFixture.fullHeader)\nXA,Floorland,one-party,n/a,,,,EU EUROPE,notes,https://example.org"
        Self.expect(
            csv, throws: .invalidValue(line: 2, column: "floors", value: "EUROPE", expected: "a jurisdiction code"),
            mentioning: ["line 2", "floors"])
    }

    @Test("an empty name names its line")
    func emptyName() {
        Self.expect(
            "\(Self.header)\nXA,  ,one-party,n/a,notes,https://example.org",
            throws: .invalidValue(line: 2, column: "name", value: "", expected: "a name"), mentioning: ["line 2"])
    }

    @Test("an unterminated quote names the line its record starts on")
    func unterminatedQuote() {
        let error = Self.loadError(
            "\(Self.header)\n\(Self.goodRow)\nXB,Otherland,one-party,n/a,\"notes never closed\nmore,https://x")
        guard case .malformedFile(line: 3, let reason) = error?.reason else {
            Issue.record("expected a malformed file on line 3, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("never closed"))
        #expect(error?.description.contains("line 3") == true)
    }

    @Test("a quote inside an unquoted field names its line")
    func quoteInsideUnquotedField() {
        let error = Self.loadError("\(Self.header)\n\(Self.goodRow)\nXB,Other\"land,one-party,n/a,notes,https://x")
        guard case .malformedFile(line: 3, let reason) = error?.reason else {
            Issue.record("expected a malformed file on line 3, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("quote inside an unquoted field"))
    }

    @Test("text after a closing quote names its line")
    func textAfterClosingQuote() {
        let error = Self.loadError("\(Self.header)\n\(Self.goodRow)\nXB,\"Other\"land,one-party,n/a,notes,https://x")
        guard case .malformedFile(line: 3, _) = error?.reason else {
            Issue.record("expected a malformed file on line 3, got \(String(describing: error))")
            return
        }
    }

    @Test("line numbers count the lines inside quoted fields and blank lines")
    func lineNumbersAfterMultilineFields() {
        let csv =
            "\(Self.header)\n\"XA\",Exampleland,one-party,n/a,\"first line\nsecond line, with a comma\",https://x\n\nXB,Otherland,one-party,perhaps,notes,https://x"
        Self.expect(
            csv,
            throws: .invalidValue(
                line: 5, column: "notice_counts_as_consent", value: "perhaps", expected: "yes, no, n/a or uncertain"),
            mentioning: ["line 5"])
    }

    @Test("a header without rows is refused as having no jurisdictions", arguments: ["\(header)\n", "\(header)\n\n\n"])
    func empty(csv: String) {
        #expect(Self.loadError(csv) == .empty)
    }

    @Test("an empty file is refused as empty, not as a header without rows")
    func emptyFile() {
        let error = Self.loadError("")
        #expect(error == .emptyFile)
        #expect(error?.description.contains("is empty") == true, "\(String(describing: error))")
        #expect(error?.description.contains("has a header") == false, "\(String(describing: error))")
    }

    @Test("CRLF line endings, a byte-order mark, doubled quotes and padding load")
    func tolerated() throws {
        let csv = "\u{FEFF}\(Self.header)\r\n XA ,\"Example \"\"land\"\"\",one-party, n/a ,notes,https://x\r\n"
        let catalog = try JurisdictionCatalog(csv: csv, label: "host")
        let rule = try #require(catalog.rule(for: try ResolutionFixture.place("XA")))
        #expect(rule.name == "Example \"land\"")
        #expect(rule.noticeAsConsent == .notApplicable)
        #expect(rule.line == 2)
    }
}

/// The optional `reviewed` column: read when present, absent from older catalogs, and checked.
@Suite("Catalog review dates")
struct CatalogReviewDateTests {
    @Test("a catalog with a reviewed column gives each rule its date; the trail shows it beside the source")
    func withColumn() throws {
        let catalog = try JurisdictionCatalog(
            csv:
                "\(ResolutionFixture.requiredHeader),reviewed\nXA,Exampleland,all-party,yes,notes,https://example.org/xa,2026-12-06",
            label: "host")
        let rule = try #require(catalog.rule(for: try Jurisdiction(parsing: "XA")))
        #expect(rule.reviewed == "2026-12-06")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("XA")], purposes: [.quality])
        #expect(decision.reasons.contains { $0.hasSuffix("Source: https://example.org/xa (reviewed 2026-12-06)") })
    }

    @Test("a catalog written before the column existed still loads, and says its rows have no date")
    func withoutColumn() throws {
        let catalog = try JurisdictionCatalog(
            csv: "\(ResolutionFixture.requiredHeader)\nXA,Exampleland,all-party,yes,notes,https://example.org/xa",
            label: "old")
        #expect(catalog.rule(for: try Jurisdiction(parsing: "XA"))?.reviewed == nil)
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("XA")], purposes: [.quality])
        #expect(decision.reasons.contains { $0.hasSuffix("Source: https://example.org/xa (no review date)") })
    }

    @Test("an empty review date is no date; the bundled rows overridden by it lose theirs")
    func emptyValue() throws {
        let host = try JurisdictionCatalog(
            csv: "\(ResolutionFixture.requiredHeader),reviewed\nES,Spain (counsel),all-party,no,notes,memo,",
            label: "host")
        let merged = try JurisdictionCatalog.bundled.overriding(with: host)
        #expect(merged.rule(for: try Jurisdiction(parsing: "ES"))?.reviewed == nil)
        #expect(try JurisdictionCatalog.bundled.rule(for: try Jurisdiction(parsing: "ES"))?.reviewed == "2026-12-06")
    }

    @Test(
        "a review date that is not a real YYYY-MM-DD date names its line and column",
        arguments: ["06/12/2026", "2026-13-01", "2026-02-30", "2026-12-6", "yesterday", "2026-12-06T00:00:00Z"])
    func badDates(value: String) {
        let csv =
            "\(ResolutionFixture.requiredHeader),reviewed\nXA,Exampleland,one-party,n/a,notes,https://example.org/xa,2026-11-29\nXB,Otherland,one-party,n/a,notes,https://example.org/xb,\(value)"
        CatalogLoadingErrorTests.expect(
            csv,
            throws: .invalidValue(
                line: 3, column: "reviewed", value: value, expected: "a date written YYYY-MM-DD, such as 2026-12-06"),
            mentioning: ["line 3", "'reviewed'", value])
    }
}
