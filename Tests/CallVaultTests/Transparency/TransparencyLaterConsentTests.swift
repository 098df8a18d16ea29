import CallVaultConsent
import CallVaultCore
import Foundation
import Testing

@testable import CallVault

/// The transparency report lists the purposes a customer agreed to after the call (and any they
/// later withdrew), when and by which channel, in every bundled language, in its text and its
/// structured form (review finding 6).
@Suite("Transparency report: purposes agreed to later")
struct TransparencyLaterConsentTests {
    @Test("a later consent is listed with its purposes, date and channel", arguments: DisclosureLanguage.bundled)
    func laterConsentListed(language: DisclosureLanguage) async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        world.clock.advance(by: .seconds(3_600))
        let signed = try await world.vault.recordLaterConsent(
            recording: id, purposes: [.training], channel: "web-form", evidence: "form 88412", by: "dpo")
        let report = try await world.vault.transparencyReport(for: id, languageTag: language.tag)
        #expect(report.notice.language == language)

        // The structured form carries the signed receipt, so the customer can check it.
        #expect(report.laterConsents == [signed])
        #expect(report.purposes.contains(.training))

        let labels = TransparencyLabels.labels(for: language)
        let name = try #require(world.vault.settings.renderer.templates.name(for: .training, in: language))
        let channel = try #require(labels.channels["web-form"])
        let line = try #require(
            report.text.split(separator: "\n").first { $0.hasPrefix(labels.laterGiven + ":") }, "\(report.text)")
        #expect(line.contains(name), "\(line)")
        #expect(line.contains(channel), "\(line)")
        #expect(line.contains(labels.written(signed.content.recordedAt)), "\(line)")
        #expect(!line.contains("web-form"), "the stored channel in: \(line)")
    }

    @Test("a later consent withdrawn is listed too, after the consent it withdraws")
    func withdrawalListed() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        try await world.vault.recordLaterConsent(
            recording: id, purposes: [.training], channel: "letter", evidence: "letter 12", by: "dpo")
        world.clock.advance(by: .seconds(86_400))
        let withdrawn = try await world.vault.withdrawLaterConsent(
            recording: id, purposes: [.training], channel: "email", evidence: "mail 7", by: "dpo")
        let report = try await world.vault.transparencyReport(for: id, languageTag: "fr")
        #expect(report.laterConsents.map(\.content.change) == [.given, .withdrawn])
        #expect(!report.purposes.contains(.training))
        let labels = TransparencyLabels.labels(for: report.notice.language)
        let lines = report.text.split(separator: "\n")
        let given = try #require(lines.firstIndex { $0.hasPrefix(labels.laterGiven + ":") }, "\(report.text)")
        let withdrawal = try #require(
            lines.firstIndex { $0.hasPrefix(labels.laterWithdrawn + ":") }, "\(report.text)")
        #expect(given < withdrawal)
        #expect(lines[withdrawal].contains(try #require(labels.channels["email"])))
        #expect(lines[withdrawal].contains(labels.written(withdrawn.content.recordedAt)))
    }

    @Test("a recording with no later consent has no such line")
    func noLaterConsent() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let report = try await world.vault.transparencyReport(for: id, languageTag: "en")
        #expect(report.laterConsents.isEmpty)
        let labels = TransparencyLabels.labels(for: report.notice.language)
        #expect(!report.text.contains(labels.laterGiven) && !report.text.contains(labels.laterWithdrawn))
    }
}
