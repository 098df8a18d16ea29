import CallVaultConsent
import CallVaultCore
import Testing

/// The bundled catalog itself: the reference table's counts, a source and notes on every row,
/// the generator's per-medium models and EU floors, and a version that identifies its text.
@Suite("Bundled catalog contents")
struct BundledCatalogTests {
    @Test("consent models and notice columns have the reference table's counts")
    func columnCounts() throws {
        let rules = Array(try ResolutionFixture.bundled().rules.values)
        func count(_ model: ConsentModel) -> Int { rules.filter { $0.model == model }.count }
        func count(_ notice: NoticeAsConsent) -> Int { rules.filter { $0.noticeAsConsent == notice }.count }
        // Issue 12 moved SG from lawful-basis to all-party (deemed consent), ES's and IN's notice
        // columns from uncertain to n/a and no, and SG's to yes.
        #expect(count(ConsentModel.allParty) == 17)
        #expect(count(ConsentModel.lawfulBasis) == 2)
        #expect(count(ConsentModel.mixed) == 4)
        #expect(count(ConsentModel.oneParty) == 49)
        #expect(count(ConsentModel.uncertain) == 4)
        #expect(count(NoticeAsConsent.notApplicable) == 48)
        #expect(count(NoticeAsConsent.no) == 3)
        #expect(count(NoticeAsConsent.uncertain) == 6)
        #expect(count(NoticeAsConsent.yes) == 19)
    }

    @Test("every row has a name, notes and at least one source address")
    func notesAndSources() throws {
        for rule in try ResolutionFixture.bundled().rules.values {
            #expect(!rule.name.isEmpty, "\(rule.jurisdiction)")
            #expect(!rule.notes.isEmpty, "\(rule.jurisdiction)")
            #expect(rule.source.contains("http"), "\(rule.jurisdiction) has no source address")
            #expect(rule.line >= 2, "\(rule.jurisdiction) line \(rule.line)")
        }
    }

    @Test("the special cases the issue names are in the notes")
    func specialCases() throws {
        let catalog = try ResolutionFixture.bundled()
        func notes(_ code: String) throws -> String {
            try #require(catalog.rule(for: try ResolutionFixture.place(code))).notes
        }
        #expect(try notes("DE").contains("opt-in"))
        #expect(try notes("US-CT").contains("tone"))
        #expect(try notes("US-CT").contains("verbal notice recorded"))
        #expect(try notes("US-CA").contains("632.7"))
    }

    @Test("mixed rows and California give a model for every medium", arguments: ExpectedReadings.perMedium)
    func perMediumModels(code: String) throws {
        let rule = try #require(try ResolutionFixture.bundled().rule(for: ResolutionFixture.place(code)))
        #expect(Set(rule.mediumModels.keys) == Set(CallMedium.allCases))
        #expect(!rule.mediumModels.values.contains(ConsentModel.mixed))
    }

    @Test("only the EU members have floors, and their floor is the EU")
    func floors() throws {
        let catalog = try ResolutionFixture.bundled()
        let withFloors = catalog.rules.values.filter { !$0.floors.isEmpty }
        #expect(Set(withFloors.map(\.jurisdiction.code)) == Set(ExpectedReadings.euMembers))
        for rule in withFloors { #expect(rule.floors.map(\.code) == ["EU"]) }
    }

    @Test("the version is the bundled label plus a digest, the same on every load")
    func version() throws {
        let version = try ResolutionFixture.bundled().version
        #expect(version.hasPrefix("callvault-"))
        let digest = try #require(version.split(separator: "+").last)
        #expect(digest.count == 16)
        let isHex = digest.allSatisfy { $0.isHexDigit }
        #expect(isHex)
        #expect(try ResolutionFixture.bundled().version == version)
    }
}
