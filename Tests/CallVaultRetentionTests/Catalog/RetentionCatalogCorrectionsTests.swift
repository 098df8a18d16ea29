import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// The catalog corrections of issue 12: HIPAA's six years are a reference (documentation, not
/// calls) and cannot be declared for a recording; PCI DSS binds by contract, not law; CFPB
/// Regulation F keeps debt-collection call recordings three years.
@Suite("Retention catalog corrections")
struct RetentionCatalogCorrectionsTests {
    typealias F = ScheduleFixture

    @Test("HIPAA is a reference entry, and declaring it for a recording is refused, saying why")
    func hipaaIsNotDeclarable() throws {
        let hipaa = try #require(try RetentionCatalog.bundled.regime("us-hipaa"))
        #expect(hipaa.applicability == .reference)
        #expect(!hipaa.isDeclarableForRecordings)
        let recording = try F.recording(in: ["US"], declared: ["us-hipaa"])
        let error = #expect(throws: RetentionScheduleError.self) { try F.scheduler().schedule(for: recording) }
        guard case .notForRecordings(let id, _, _, let recordingID) = error?.reason else {
            Issue.record("expected notForRecordings, got \(String(describing: error))")
            return
        }
        #expect(id == "us-hipaa")
        #expect(recordingID == recording.recordingID)
        let text = try #require(error).description
        #expect(text.contains("not a rule for call recordings"))
        #expect(text.contains("documentation"))
    }

    @Test("a reference entry without a period (the legal-hold duty) may still be declared, with no effect")
    func periodlessReferenceStaysDeclarable() throws {
        let duty = try #require(try RetentionCatalog.bundled.regime("us-legal-hold-duty"))
        #expect(duty.isDeclarableForRecordings)
        let schedule = try F.scheduler().schedule(for: try F.recording(in: ["US"], declared: ["us-legal-hold-duty"]))
        #expect(schedule.reasons.contains { $0.rule == "us-legal-hold-duty" && $0.finding == .noScheduleEffect })
    }

    @Test("PCI DSS is labelled contract, not law, and still removes card data at once")
    func pciIsContractual() throws {
        let pci = try #require(try RetentionCatalog.bundled.regime("pci-dss-3-3-1"))
        #expect(pci.binding == .contract)
        #expect(pci.name.contains("contractual, not law"))
        let range = CardDataRange(start: .seconds(5), end: .seconds(9))
        let schedule = try F.scheduler().schedule(for: try F.recording(in: ["US-NY"], cardData: [range]))
        #expect(schedule.redactions.map(\.dueAt) == [try F.end()])
        #expect(schedule.reasons.allSatisfy { $0.rule != "pci-dss-3-3-1" || !$0.isLegalObligation })
    }

    @Test("CFPB Regulation F: a declared debt-collection call is kept three years after the call, as law")
    func regulationF() throws {
        let rule = try #require(try RetentionCatalog.bundled.regime("us-cfpb-reg-f-1006-100"))
        #expect(rule.applicability == .declared)
        #expect(rule.binding == .law)
        #expect(rule.minimum == (try RetentionPeriod(years: 3)))
        #expect(rule.sources.contains { $0.contains("1006.100") })
        let recording = try F.recording(in: ["US-TX"], declared: ["us-cfpb-reg-f-1006-100"])
        let schedule = try F.scheduler().schedule(for: recording)
        #expect(schedule.legalKeepUntil == (try CatalogFixture.adding(years: 3, to: try F.end())))
        #expect(schedule.deletionRule == "us-cfpb-reg-f-1006-100")
    }

    @Test("a catalog row may say contract; any other binding is refused with its line")
    func contractBindingParses() throws {
        let header = "id,code,name,applies,minimum,maximum,binding,write_once\n"
        let catalog = try RetentionCatalog(csv: header + "card,ZZ,Card rule,card-data,,P0D,contract,no\n", label: "t")
        #expect(catalog.regimes.first?.binding == .contract)
        #expect(throws: RetentionCatalogError.self) {
            try RetentionCatalog(csv: header + "card,ZZ,Card rule,card-data,,P0D,agreement,no\n", label: "t")
        }
    }
}
