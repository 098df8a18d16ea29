import CallVault
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// The notice's promise kept: for every recording of the demo, the transparency report tells the
/// customer exactly the dates the schedule keeps, and no recording outlives the stated period
/// unless a law keeps it longer, which the report then says.
@Suite("Contact-center demo: the notice and the schedule agree")
struct DemoRetentionPromiseTests {
    @Test("for every recording of the demo, the transparency report and the schedule agree with the stated period")
    func reportAndScheduleAgree() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DemoProcess.run(["--vault", folder.path])
        try #require(run.status == 0, "\(run.output)")
        // Before the sweep, the demo compares every recording's report with its schedule.
        let promise = run.output.split(separator: "\n").filter {
            $0.contains("every recording's transparency report states its schedule's dates")
        }
        #expect(promise.count == 1 && promise.allSatisfy { $0.contains("[ok]") }, "\(run.output)")
        #expect(run.output.contains("the report says the same: yes"))
        #expect(!run.output.contains("the report says the same: NO"))

        // The demo's vault is a simulation (its sweep runs three years ahead): opened as one.
        let opened = try await VaultFolder.open(
            at: folder, passphrase: try Passphrase("callvault demo"), simulation: true)
        do {
            try await compare(opened)
        } catch {
            try? await opened.close()
            throw error
        }
        try await opened.close()
    }

    private func compare(_ opened: OpenedVault) async throws {
        let stated = try #require(opened.configuration.retentionDays)
        let recordings = try await opened.stores.catalog.recordings(after: nil, limit: 100)
        var compared = 0
        for recording in recordings {
            guard let record = try await opened.stores.retention.record(recording.id) else { continue }
            let schedule = record.schedule
            let report = try await opened.vault.transparencyReport(for: recording.id, languageTag: "en")
            #expect(report.keptUntil == schedule.keepUntil, "\(recording.id)")
            #expect(report.deleteBy == schedule.deleteBy, "\(recording.id)")
            let deleteBy = try #require(schedule.deleteBy, "every recording has a delete-by date: \(recording.id)")
            let promised = recording.startedAt.addingTimeInterval(Double(stated) * 86_400)
            if deleteBy > promised {
                // Only a legal obligation may keep it longer, and the report says which.
                #expect(!report.keptLongerByLaw.isEmpty, "\(recording.id) outlives the notice unexplained")
                #expect(report.text.contains("because the law requires it"))
            } else {
                #expect(report.keptLongerByLaw.isEmpty)
            }
            #expect(report.notice.text.contains("2 years"), "the notice states the period the schedule keeps")
            compared += 1
        }
        #expect(compared >= 1, "the recording the sweep kept (held) is compared on disk too")
    }
}
