import CallVaultConsent
import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

@testable import CallVault

/// Every stored value a transparency report shows is worded in the report's language, and every
/// date in it is written the report's way (review finding 11).
@Suite("Transparency report: every value translated")
struct TransparencyLabelCoverageTests {
    @Test("every receipt outcome, method and later-consent channel has a label", arguments: DisclosureLanguage.bundled)
    func everyValueHasALabel(language: DisclosureLanguage) {
        let labels = TransparencyLabels.labels(for: language)
        for outcome in ConsentReceipt.Outcome.allCases {
            let label = labels.outcomes[outcome]
            #expect(label != nil && label != outcome.rawValue, "\(language.tag): no label for outcome \(outcome)")
        }
        for method in ConsentReceipt.Method.allCases {
            let label = labels.methods[method]
            #expect(label != nil && label != method.rawValue, "\(language.tag): no label for method \(method)")
        }
        for channel in LaterConsentReceipt.channels {
            let label = labels.channels[channel]
            #expect(label != nil && label != channel, "\(language.tag): no label for channel \(channel)")
        }
    }

    @Test("an imported recording's answer, attested by an operator, reads in the report's language")
    func operatorAttestationTranslated() {
        for language in DisclosureLanguage.bundled {
            let answer = TransparencyLabels.labels(for: language).answer(.consented, .operatorAttestation)
            #expect(!answer.contains("operator-attestation") && !answer.contains("consented"), "\(answer)")
        }
    }

    @Test(
        "the law that keeps a recording longer gives its date the report's way",
        arguments: DisclosureLanguage.bundled)
    func keptLongerDate(language: DisclosureLanguage) async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        var configuration = VaultWorld.call([
            try VaultWorld.participant("customer", .customer, "US-TX"),
            try VaultWorld.participant("agent", .agent, "US-TX"),
        ])
        configuration.declaredRegimes = ["us-sec-17a-4-b4"]
        let session = try await world.vault.startRecording(configuration, control: control)
        try await VaultWorld.playAnnouncements(control, on: session)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await feeder.feed(seconds: 1)
        let recording = try await session.callEnded()

        let report = try await world.vault.transparencyReport(for: recording.id, languageTag: language.tag)
        let labels = TransparencyLabels.labels(for: report.notice.language)
        let conflict = try #require(report.keptLongerByLaw.first)
        let line = try #require(
            report.text.split(separator: "\n").first { $0.hasPrefix(labels.keptLongerByLaw) }, "\(report.text)")
        #expect(line.contains(labels.written(conflict.minimumEnds)), "\(line)")
        if language.tag == "fa" {
            // Solar Hijri in Persian digits; the only Gregorian date is the one beside it, also in Persian digits.
            #expect(line.contains(TransparencyDates.written(conflict.minimumEnds, persian: true)), "\(line)")
            #expect(!line.contains(CivilTime.day(conflict.minimumEnds)), "an ASCII Gregorian date in: \(line)")
        }
    }
}
