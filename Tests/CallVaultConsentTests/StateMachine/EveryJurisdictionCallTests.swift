import CallVaultConsent
import CallVaultCore
import Testing

/// A whole call for a customer in every jurisdiction of the bundled catalog (and unknown), on every
/// medium: the machine asks for what the decision says, and records only once it is given.
@Suite("Consent state machine: a call from every catalog jurisdiction")
struct EveryJurisdictionCallTests {
    typealias S = ConsentScript

    static let locations: [String] = S.catalog.rules.keys.map(\.code).sorted() + ["unknown"]

    @Test("the announcement matches the decision, and recording starts only after it", arguments: locations)
    func call(code: String) throws {
        for medium in CallMedium.allCases {
            var machine = S.machine()
            let start = try machine.callStarted(
                callID: "c", direction: .inbound, participants: [S.customer(code, medium: medium), S.agent("US-TX")],
                at: S.at(0))
            let decision = try #require(machine.decision)
            let explicit = decision.requirement(for: "customer") == .consent && !decision.noticeSuffices
            let kind: AnnouncementKind = explicit ? .consentRequest : .notice
            #expect(S.summary(start).first == "play customer \(kind.rawValue) en", "\(code) \(medium)")
            #expect(!machine.isRecording)
            // Where the law wants the announcement on the recording (US-WA, US-CT), recording opens
            // as it starts; everywhere else only once the requirement is met.
            let recorded = decision.parties.first { $0.party.id == "customer" }?.announcementMustBeRecorded == true
            let started = try machine.announcementStarted(party: "customer", script: S.script(kind), at: S.at(1))
            #expect(S.summary(started) == (recorded ? ["start"] : []), "\(code) \(medium)")
            let opened = recorded ? [String]() : ["start"]
            let finished = try machine.announcementFinished(party: "customer", script: S.script(kind), at: S.at(5))
            if explicit {
                #expect(machine.isRecording == recorded, "\(code) \(medium): a notice is not consent here")
                #expect(S.summary(finished) == ["schedule timer-1 10.0 seconds"])
                let pressed = try machine.keyPressed(party: "customer", key: "1", at: S.at(6))
                #expect(S.summary(pressed) == ["cancel timer-1", "receipt customer consented keypress"] + opened)
            } else {
                let outcome = decision.requirement(for: "customer") == .consent ? "consented" : "notified"
                #expect(S.summary(finished) == ["receipt customer \(outcome) implied-by-notice"] + opened)
                #expect(S.receipts(finished).first?.noticeOnRecording == (recorded ? .announcement : nil))
            }
            #expect(machine.isRecording, "\(code) \(medium)")
        }
    }
}
