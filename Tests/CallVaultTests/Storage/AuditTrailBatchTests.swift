import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// A log file's batched reads (the sink's and the trail's) return what one read per target does.
@Suite("Audit trail: batched reads of a log file")
struct AuditTrailBatchTests {
    @Test("AuditFileSink and AuditFileTrail read a batch of targets as one read per target would")
    func fileBatchesMatchSingles() async throws {
        let path = NSTemporaryDirectory() + "callvault-trail-" + UUID().uuidString.lowercased() + ".log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = AuditFileSink(path: path)
        let log = try await AuditLog(
            sink: sink, signingKey: try SigningKey.generate(),
            clock: ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600)))
        let ids = [RecordingID(), RecordingID(), RecordingID()]
        for (index, id) in ids.enumerated() where index != 1 {
            for action in ["recording.started", "recording.sealed", "recording.exported"] {
                try await log.record(
                    AuditRecord(
                        actor: "recorder", action: try AuditAction(action), target: AuditRecord.target(id),
                        purpose: nil, outcome: .succeeded, reasons: ["\(index)"]))
            }
        }
        let targets = ids.map(AuditRecord.target)
        let trail = AuditFileTrail(path: path)
        let fromSink = try await sink.entries(about: targets)
        let fromTrail = try await trail.entries(about: targets)
        #expect(fromSink == fromTrail)
        #expect(fromSink[targets[1]] == nil && fromSink[targets[0]]?.count == 3)
        for target in targets {
            #expect((fromSink[target] ?? []) == (try await trail.entries(about: target)))
        }
    }
}
