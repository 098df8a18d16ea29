import CallVaultCore
import CallVaultRetention
import Testing

/// The catalog that ships with CallVault: the 25 regimes of the legal reference table, each with
/// the values the generator's documented mapping gives it.
@Suite("Bundled retention catalog")
struct BundledRetentionCatalogTests {
    /// One regime's expected values: where it binds, how it applies, its periods, whether it is
    /// law and whether it asks for write-once storage.
    struct Expected: Sendable, CustomTestStringConvertible {
        let id: String
        let code: String
        let also: [String]
        let applies: RetentionRegime.Applicability
        let purposes: Set<String>
        let minimum: String?
        let maximum: String?
        let binding: RetentionRegime.Binding
        let writeOnce: Bool

        init(
            _ id: String, _ code: String, also: [String] = [], _ applies: RetentionRegime.Applicability,
            purposes: Set<String> = [], minimum: String? = nil, maximum: String? = nil,
            binding: RetentionRegime.Binding = .law, writeOnce: Bool
        ) {
            self.id = id
            self.code = code
            self.also = also
            self.applies = applies
            self.purposes = purposes
            self.minimum = minimum
            self.maximum = maximum
            self.binding = binding
            self.writeOnce = writeOnce
        }

        var testDescription: String { id }
    }

    /// The reference table's rows, as the generator maps them: day counts to the periods the
    /// rules state (1825 days = P5Y, 183 = P6M), `partial` and `uncertain` write-once to yes.
    static let expected: [Expected] = [
        Expected("eu-mifid2-16-7", "EU", .declared, minimum: "P5Y", writeOnce: true),
        Expected("gb-fca-sysc-10a", "GB", .declared, minimum: "P5Y", writeOnce: true),
        Expected("gb-fca-cobs-11-8", "GB", .declared, minimum: "P6M", writeOnce: true),
        Expected("gb-fca-cmcob-2-3", "GB", .declared, minimum: "P1Y", writeOnce: true),
        Expected("us-sec-17a-4-b4", "US", .declared, minimum: "P3Y", writeOnce: true),
        Expected("us-sec-17a-4-a", "US", .declared, minimum: "P6Y", writeOnce: true),
        Expected("us-finra-4511", "US", .declared, minimum: "P6Y", writeOnce: true),
        Expected("us-finra-3170", "US", .declared, minimum: "P3Y", writeOnce: true),
        Expected("us-cftc-1-35", "US", .declared, minimum: "P1Y", writeOnce: false),
        Expected("us-cftc-23-202", "US", .declared, minimum: "P1Y", writeOnce: true),
        Expected("us-hipaa", "US", .reference, minimum: "P6Y", writeOnce: false),
        Expected("pci-dss-3-3-1", "ZZ", .cardData, maximum: "P0D", binding: .contract, writeOnce: false),
        Expected("eu-gdpr", "EU", also: ["GB"], .jurisdiction, writeOnce: false),
        Expected("eu-eprivacy-5-2", "EU", .jurisdiction, writeOnce: false),
        Expected(
            "fr-cnil-call-recording", "FR", .jurisdiction, purposes: ["quality", "training"], maximum: "P6M",
            writeOnce: false),
        Expected("us-ftc-tsr-310-5", "US", .declared, minimum: "P5Y", writeOnce: false),
        Expected("us-cfpb-reg-f-1006-100", "US", .declared, minimum: "P3Y", writeOnce: false),
        Expected("us-tcpa-consent-records", "US", .declared, minimum: "P4Y", binding: .practice, writeOnce: false),
        Expected(
            "us-pa-5704-15", "US-PA", .jurisdiction, purposes: ["quality", "training"], maximum: "P1Y", writeOnce: false
        ),
        Expected("br-sac-decree-11034", "BR", .declared, minimum: "P90D", writeOnce: false),
        Expected("ca-pipeda", "CA", .jurisdiction, writeOnce: false),
        Expected("za-popia-14", "ZA", .jurisdiction, writeOnce: false),
        Expected("sg-pdpa-retention", "SG", .jurisdiction, writeOnce: false),
        Expected("us-legal-hold-duty", "US", .reference, writeOnce: false),
        Expected(
            "contact-centre-practice", "ZZ", .declared, minimum: "P90D", maximum: "P2Y", binding: .practice,
            writeOnce: false),
    ]

    @Test("it has the 25 regimes of the reference table, in its order")
    func allRegimes() throws {
        let catalog = try RetentionCatalog.bundled
        #expect(catalog.regimes.count == 25)
        #expect(catalog.regimes.map(\.id.rawValue) == Self.expected.map(\.id))
    }

    @Test("each regime has the values of its reference row", arguments: expected)
    func regime(_ expected: Expected) throws {
        let catalog = try RetentionCatalog.bundled
        let regime = try #require(catalog.regime(try RetentionRuleID(expected.id)))
        #expect(regime.code == expected.code)
        #expect(regime.jurisdiction?.code == (expected.code == "ZZ" ? nil : expected.code))
        #expect(regime.alsoCovers.map(\.code) == expected.also)
        #expect(regime.applicability == expected.applies)
        #expect(Set(regime.purposes.map(\.identifier)) == expected.purposes)
        #expect(regime.minimum == (try expected.minimum.map { try RetentionPeriod(iso8601: $0) }))
        #expect(regime.maximum == (try expected.maximum.map { try RetentionPeriod(iso8601: $0) }))
        #expect(regime.binding == expected.binding)
        #expect(regime.writeOnce == expected.writeOnce)
        #expect(!regime.name.isEmpty)
        #expect(!regime.scope.isEmpty)
        #expect(!regime.notes.isEmpty)
        #expect(!regime.sources.isEmpty, "every regime cites its sources")
        #expect(regime.sources.allSatisfy { $0.hasPrefix("http") && !$0.contains(" ; ") })
    }

    @Test("names come from the reference table, with commas and parentheses intact")
    func names() throws {
        let catalog = try RetentionCatalog.bundled
        #expect(catalog.regime("eu-mifid2-16-7")?.name == "MiFID II Art 16(7) (Directive 2014/65/EU)")
        #expect(catalog.regime("gb-fca-sysc-10a")?.name == "FCA SYSC 10A (UK MiFID taping rules, from 3 Jan 2018)")
        #expect(catalog.regime("eu-mifid2-16-7")?.sources.count == 4)
        #expect(catalog.regime("no-such-rule") == nil)
    }

    @Test("the version is the bundled label and a 16-digit digest")
    func version() throws {
        let version = try RetentionCatalog.bundled.version
        let parts = version.split(separator: "+")
        #expect(parts.count == 2)
        #expect(parts.first == "callvault-2026.12.06")
        let digest = parts.last ?? ""
        #expect(digest.count == 16)
        #expect(digest.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(try RetentionCatalog.bundled.version == version, "the same text gives the same version")
    }

    struct Coverage: Sendable, CustomTestStringConvertible {
        let rule: String
        let place: String
        let covered: Bool

        var testDescription: String { "\(rule) \(covered ? "covers" : "does not cover") \(place)" }
    }

    static let coverage: [Coverage] = [
        Coverage(rule: "eu-gdpr", place: "DE", covered: true),
        Coverage(rule: "eu-gdpr", place: "FR", covered: true),
        Coverage(rule: "eu-gdpr", place: "ES-MD", covered: true),
        Coverage(rule: "eu-gdpr", place: "EU", covered: true),
        Coverage(rule: "eu-gdpr", place: "GB", covered: true),
        Coverage(rule: "eu-gdpr", place: "GB-SCT", covered: true),
        Coverage(rule: "eu-gdpr", place: "CH", covered: false),
        Coverage(rule: "eu-gdpr", place: "US", covered: false),
        Coverage(rule: "eu-eprivacy-5-2", place: "IE", covered: true),
        Coverage(rule: "eu-eprivacy-5-2", place: "GB", covered: false),
        Coverage(rule: "fr-cnil-call-recording", place: "FR", covered: true),
        Coverage(rule: "fr-cnil-call-recording", place: "DE", covered: false),
        Coverage(rule: "fr-cnil-call-recording", place: "EU", covered: false),
        Coverage(rule: "us-pa-5704-15", place: "US-PA", covered: true),
        Coverage(rule: "us-pa-5704-15", place: "US", covered: false),
        Coverage(rule: "us-pa-5704-15", place: "US-NY", covered: false),
        Coverage(rule: "pci-dss-3-3-1", place: "JP", covered: true),
        Coverage(rule: "contact-centre-practice", place: "BR", covered: true),
        Coverage(rule: "us-finra-3170", place: "US-CA", covered: true),
        Coverage(rule: "ca-pipeda", place: "CA-QC", covered: true),
    ]

    @Test("a regime covers its place, its subdivisions, EU members and its `also` places", arguments: coverage)
    func covers(_ coverage: Coverage) throws {
        let regime = try #require(try RetentionCatalog.bundled.regime(try RetentionRuleID(coverage.rule)))
        #expect(regime.covers(try Jurisdiction(parsing: coverage.place)) == coverage.covered)
    }
}
