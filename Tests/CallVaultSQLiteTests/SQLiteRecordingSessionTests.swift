import CallVault
import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Testing

/// Whole calls over the SQLite vault: the session, the recorder, the envelope and every store on
/// real files, then a restart, as a recorder process lives.
@Suite("SQLite vault: recording sessions end to end")
struct SQLiteRecordingSessionTests {
    @Test("a consented call is sealed to a blob file, catalogued, keyed, scheduled, audited, and plays after a restart")
    func consentedCall() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            try SQLiteVaultWorld.call([("customer", .customer, "US-TX"), ("agent", .agent, "US-TX")]),
            control: control)
        try await SQLiteVaultWorld.playAnnouncements(control, on: session)
        var position: Int64 = 0
        try await world.feed(session, seconds: 3, from: &position)
        let recording = try await session.callEnded()
        #expect(recording.state == .complete)

        let restarted = try await world.restarted()
        #expect(try await restarted.stores.catalog.recording(recording.id) == recording)
        #expect(try await restarted.stores.keys.wraps(for: recording.id).count == 1)
        #expect(try await restarted.stores.retention.record(recording.id) != nil)
        #expect(try restarted.stores.blobs.unfinished().isEmpty)
        #expect(FileManager.default.fileExists(atPath: restarted.stores.blobs.path(for: recording.id)))
        for receipt in recording.receipts {
            #expect(throws: Never.self) { try receipt.verified(by: world.receiptSigner.verifyingKey) }
        }

        let playback = try await restarted.listen(recording.id)
        #expect(playback.recordingIsComplete)
        #expect(playback.samples.count == 3 * 16_000)
        let expected = (0..<Int64(3 * 8_000)).flatMap { frame in
            (0..<2).map { SQLiteVaultWorld.sample(track: $0, position: frame) }
        }
        #expect(playback.samples == expected)

        let audit = try await restarted.verifiedAudit()
        #expect(audit.isIntact, "\(audit)")
        #expect(audit.entryCount >= 3)
    }

    @Test("a recorder that dies mid-call is recovered after a restart: kept, closed, incomplete, scheduled, audited")
    func crashRecovery() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let id: RecordingID
        do {
            // The process "dies" at the end of this block: the session and its blob writer are
            // dropped without the call ever ending; only what was flushed is on disk.
            let control = RecordingCallControl()
            let session = try await world.vault.startRecording(
                try SQLiteVaultWorld.call([("customer", .customer, "US-TX"), ("agent", .agent, "US-TX")]),
                control: control)
            try await SQLiteVaultWorld.playAnnouncements(control, on: session)
            var position: Int64 = 0
            try await world.feed(session, seconds: 3.5, from: &position)
            id = try #require(try await world.stores.catalog.recordings(in: .recording).first?.id)
        }
        world.clock.advance(by: .seconds(60))

        let restarted = try await world.restarted()
        let unfinished = try restarted.stores.blobs.unfinished()
        #expect(unfinished.map(\.recordingID) == [id])
        let recovered = try await restarted.vault.recoverInterruptedRecordings()
        #expect(recovered.map(\.id) == [id])
        #expect(recovered.map(\.state) == [.incomplete])
        let stored = try #require(try await restarted.stores.catalog.recording(id))
        #expect(stored.state == .incomplete)
        #expect((stored.endedAt ?? .distantPast) >= stored.startedAt, "ended when the blob was last written")
        #expect(try restarted.stores.blobs.unfinished().isEmpty, "the blob is closed")
        #expect(FileManager.default.fileExists(atPath: restarted.stores.blobs.path(for: id)))
        #expect(!FileManager.default.fileExists(atPath: restarted.stores.blobs.partialPath(for: id)))
        #expect(try await restarted.stores.retention.record(id) != nil, "scheduled like any other recording")
        #expect(try await restarted.vault.recoverInterruptedRecordings().isEmpty, "recovery is idempotent")

        let playback = try await restarted.listen(id)
        #expect(!playback.recordingIsComplete)
        #expect(playback.samples.count >= 2 * 16_000, "whole one-second segments survive")
        #expect(playback.samples.count % 16_000 == 0)
        let expected = (0..<playback.samples.count / 2).flatMap { frame in
            (0..<2).map { SQLiteVaultWorld.sample(track: $0, position: Int64(frame)) }
        }
        #expect(playback.samples == expected)

        let audit = try await restarted.verifiedAudit()
        #expect(audit.isIntact, "\(audit)")
        let actions = try await auditActions(restarted)
        #expect(actions.contains("recording.recovered"))
    }

    private func auditActions(_ world: SQLiteVaultWorld) async throws -> [String] {
        let text = String(decoding: try await world.stores.auditSink.logFileContents(), as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #""action":""#) else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
    }
}
