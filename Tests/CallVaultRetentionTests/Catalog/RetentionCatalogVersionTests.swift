import CallVaultCore
import CallVaultRetention
import Testing

/// A catalog's version names its label and digests its text; overrides replace regimes by id and
/// add new ones, and the version names both catalogs.
@Suite("Retention catalog versions and overrides")
struct RetentionCatalogVersionTests {
    static let csv = """
        id,code,name,applies,minimum,maximum,binding,write_once,notes
        fr-cnil-call-recording,FR,CNIL (our legal team's reading),jurisdiction,,P3M,law,no,stricter reading
        acme-fca-request,GB,FCA request of 2026-10,declared,P7Y,,law,yes,the FCA asked for seven years
        """

    static func version(of csv: String, label: String) throws -> String {
        try RetentionCatalog(csv: csv, label: label).version
    }

    @Test("the version is the label, a plus sign and 16 hex digits of the text's digest")
    func versionShape() throws {
        let version = try Self.version(of: Self.csv, label: "acme-legal-2026-10")
        #expect(version.hasPrefix("acme-legal-2026-10+"))
        let digest = version.dropFirst("acme-legal-2026-10+".count)
        #expect(digest.count == 16)
        #expect(digest.allSatisfy { $0.isHexDigit })
    }

    @Test("the same text and label give the same version; any change to the text changes it")
    func versionTracksText() throws {
        let base = try Self.version(of: Self.csv, label: "v")
        #expect(try Self.version(of: Self.csv, label: "v") == base)
        let edits = [
            Self.csv.replacingOccurrences(of: "P3M", with: "P4M"),
            Self.csv.replacingOccurrences(of: "stricter reading", with: "stricter  reading"),
            Self.csv + "\n",
        ]
        var seen: Set<String> = [base]
        for edit in edits {
            let version = try Self.version(of: edit, label: "v")
            #expect(version.hasPrefix("v+"))
            #expect(seen.insert(version).inserted, "an edit left the version unchanged: \(edit)")
        }
        let relabelled = try Self.version(of: Self.csv, label: "w")
        #expect(relabelled != base)
        #expect(relabelled.dropFirst(2) == base.dropFirst(2), "the digest depends on the text alone")
    }

    @Test("overriding replaces a regime in place, adds new ones at the end, and names both versions")
    func overriding() throws {
        let bundled = try RetentionCatalog.bundled
        let ours = try RetentionCatalog(csv: Self.csv, label: "acme-legal-2026-10")
        let combined = bundled.overriding(with: ours)

        #expect(combined.regimes.count == 26)
        #expect(combined.version == "\(bundled.version) overridden by \(ours.version)")
        let bundledIDs = bundled.regimes.map(\.id)
        #expect(Array(combined.regimes.map(\.id).prefix(25)) == bundledIDs)
        #expect(combined.regimes.last?.id == "acme-fca-request")

        let cnil = try #require(combined.regime("fr-cnil-call-recording"))
        #expect(cnil.maximum == (try RetentionPeriod(iso8601: "P3M")))
        #expect(cnil.name == "CNIL (our legal team's reading)")
        #expect(cnil.purposes.isEmpty, "the override replaces the whole regime, purposes included")
        #expect(bundled.regime("fr-cnil-call-recording")?.maximum == (try RetentionPeriod(iso8601: "P6M")))

        let added = try #require(combined.regime("acme-fca-request"))
        #expect(added.minimum == (try RetentionPeriod(iso8601: "P7Y")))
        #expect(added.writeOnce)
        #expect(combined.regime("eu-mifid2-16-7") == bundled.regime("eu-mifid2-16-7"))
    }

    @Test("an overridden catalog schedules with the override")
    func overrideReachesSchedules() throws {
        let combined = try RetentionCatalog.bundled.overriding(
            with: RetentionCatalog(csv: Self.csv, label: "acme-legal-2026-10"))
        let scheduler = try RetentionScheduler(catalog: combined)
        let start = try CatalogFixture.instant("2026-01-15T10:00:00Z")
        let recording = RecordingRetentionAttributes(
            recordingID: RecordingID(), startedAt: start, endedAt: start.addingTimeInterval(600),
            jurisdictions: [try Jurisdiction(parsing: "FR")], declaredRegimes: ["acme-fca-request"],
            purposes: [.disputeResolution])
        let schedule = try scheduler.schedule(for: recording)
        #expect(schedule.deleteBy == (try CatalogFixture.instant("2033-01-15T10:10:00Z")))
        #expect(schedule.restrictedFrom == (try CatalogFixture.instant("2026-04-15T10:00:00Z")))
        #expect(schedule.keepUntil == (try CatalogFixture.instant("2033-01-15T10:10:00Z")))
        #expect(schedule.catalogVersion == combined.version)
        #expect(schedule.governing == ["acme-fca-request", "fr-cnil-call-recording"])
    }

    @Test("a catalog built in code keeps the last regime given for an id, in the first one's place")
    func inCode() throws {
        let first = RetentionRegime(
            id: "acme-a", jurisdiction: nil, name: "First", applicability: .declared,
            minimum: try RetentionPeriod(iso8601: "P1Y"), maximum: nil)
        let second = RetentionRegime(
            id: "acme-b", jurisdiction: try Jurisdiction(parsing: "DE"), name: "Second", applicability: .jurisdiction,
            minimum: nil, maximum: try RetentionPeriod(iso8601: "P2Y"))
        let replacement = RetentionRegime(
            id: "acme-a", jurisdiction: nil, name: "Replacement", applicability: .declared,
            minimum: try RetentionPeriod(iso8601: "P3Y"), maximum: nil, binding: .practice)
        let catalog = RetentionCatalog(regimes: [first, second, replacement], version: "code-1")
        #expect(catalog.regimes.map(\.name) == ["Replacement", "Second"])
        #expect(catalog.regime("acme-a")?.binding == .practice)
        #expect(catalog.version == "code-1")
    }
}
