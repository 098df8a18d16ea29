import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// The notice states 180 days (VaultWorld's `retentionDays`): every recording is deleted by then,
/// and one a law keeps longer says so in its transparency report.
@Suite("Transparency report: the stated period")
struct TransparencyStatedPeriodTests {
    @Test("a recording no rule covers is deleted by the stated period, and the report says the schedule's date")
    func statedPeriodApplies() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let record = try #require(try await world.vault.storage.retention.record(id))
        let recording = try #require(try await world.vault.storage.catalog.recording(id))
        let due = try #require(record.schedule.deleteBy)
        #expect(due == recording.startedAt.addingTimeInterval(180 * 86_400))
        #expect(record.schedule.deletionRule == RetentionScheduler.statedPeriodRule)
        let report = try await world.vault.transparencyReport(for: id, languageTag: "en")
        #expect(report.deleteBy == due)
        #expect(report.keptLongerByLaw.isEmpty)
        #expect(report.text.contains("Deleted by: \(CivilTime.iso8601(due))"))
        #expect(!report.text.contains("because the law requires it"))
    }

    @Test("a legal minimum that outlasts the stated period keeps the recording, and the report names the law")
    func lawKeepsLonger() async throws {
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

        let schedule = try #require(try await world.vault.storage.retention.record(recording.id)?.schedule)
        let report = try await world.vault.transparencyReport(for: recording.id, languageTag: "en")
        #expect(report.deleteBy == schedule.deleteBy)
        #expect(report.keptUntil == schedule.keepUntil)
        #expect(report.keptLongerByLaw.map(\.minimumRule) == ["us-sec-17a-4-b4"])
        #expect(report.keptLongerByLaw.map(\.maximumRule) == [RetentionScheduler.statedPeriodRule])
        #expect(report.text.contains("Kept beyond the stated period because the law requires it: SEC Rule 17a-4(b)(4)"))
        let german = try await world.vault.transparencyReport(for: recording.id, languageTag: "de")
        #expect(german.text.contains("weil das Gesetz es verlangt"))
    }
}
