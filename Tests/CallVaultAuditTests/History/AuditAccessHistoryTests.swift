import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// "Who listened to my call, when, and why": one recording's entries out of a shared log.
@Suite("Audit access history")
struct AuditAccessHistoryTests {
    static let mine = RecordingID(uuid: UUID(uuid: (0xAA, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)))
    static let theirs = RecordingID(uuid: UUID(uuid: (0xBB, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)))

    /// A shared log: decisions on two recordings interleaved, a denial, a hold and a deletion.
    static func records() -> [AuditRecord] {
        [
            AuditRecord(
                actor: "sup.maria", action: .accessDecision, target: AuditRecord.target(mine), purpose: .quality,
                outcome: .allowed, reasons: ["rule supervisors-listen"]),
            AuditRecord(
                actor: "agent.tom", action: .accessDecision, target: AuditRecord.target(theirs), purpose: .training,
                outcome: .allowed),
            AuditRecord(
                actor: "agent.tom", action: .accessDecision, target: AuditRecord.target(mine), purpose: .training,
                outcome: .denied, reasons: ["training not consented"]),
            AuditRecord(actor: "sup.maria", action: .grantUse, target: AuditRecord.target(mine), outcome: .succeeded),
            AuditRecord(actor: "legal.ann", action: .holdPlaced, target: "hold:h-1", outcome: .succeeded),
            AuditRecord(
                actor: "legal.ann", action: .accessDecision, target: AuditRecord.target(mine) + "x",
                purpose: .disputeResolution, outcome: .allowed),
            AuditRecord(
                actor: "sweeper", action: .recordingDeleted, target: AuditRecord.target(mine),
                purpose: .legalOrRegulatory, outcome: .succeeded, reasons: ["retention ended"]),
        ]
    }

    func log(in directory: TemporaryDirectory) async throws -> [AuditEntry] {
        let clock = ManualWallClock(AuditFixture.start)
        let log = try await AuditLog(
            sink: AuditFileSink(path: directory.path("audit.log")), signingKey: try AuditFixture.key(), clock: clock)
        var entries: [AuditEntry] = []
        for record in Self.records() {
            entries += try await log.record([record])
            clock.advance(by: .seconds(90))
        }
        return entries
    }

    @Test("the history holds exactly the recording's entries, oldest first, denials included")
    func filtered() async throws {
        let directory = try TemporaryDirectory()
        let entries = try await log(in: directory)
        let history = AuditAccessHistory(recording: Self.mine, entries: entries)
        #expect(history.recordingID == Self.mine)
        #expect(history.entries.map(\.sequence) == [1, 3, 4, 7])
        #expect(history.entries.map(\.record.outcome) == [.allowed, .denied, .succeeded, .succeeded])
        #expect(AuditAccessHistory(recording: Self.theirs, entries: entries).entries.map(\.sequence) == [2])
        #expect(AuditAccessHistory(recording: RecordingID(), entries: entries).entries.isEmpty)
    }

    @Test("each line says when, who, what, why and how it came out")
    func lines() async throws {
        let directory = try TemporaryDirectory()
        let entries = try await log(in: directory)
        let lines = AuditAccessHistory(recording: Self.mine, entries: entries).lines
        #expect(
            lines == [
                "2026-11-18T11:06:40.250Z  sup.maria  access.decision for quality  allowed",
                "2026-11-18T11:09:40.250Z  agent.tom  access.decision for training  denied",
                "2026-11-18T11:11:10.250Z  sup.maria  grant.use  succeeded",
                "2026-11-18T11:15:40.250Z  sweeper  recording.deleted for legal-regulatory  succeeded",
            ])
    }

    @Test("read from a log file, with a torn last line left out")
    func fromFile() async throws {
        let directory = try TemporaryDirectory()
        let entries = try await log(in: directory)
        let path = directory.path("audit.log")
        try directory.write(try directory.read("audit.log") + Array(#"{"seq":8,"ti"#.utf8), to: "audit.log")
        let history = try AuditAccessHistory(recording: Self.mine, logAt: path)
        #expect(history.entries == AuditAccessHistory(recording: Self.mine, entries: entries).entries)
        #expect(throws: AuditError.io(path: directory.path("none"), reason: String(cString: strerror(ENOENT)))) {
            try AuditAccessHistory(recording: Self.mine, logAt: directory.path("none"))
        }
        var lines = LogLines(try directory.read("audit.log"))
        lines[3] = Array("garbage".utf8)
        try directory.write(lines.bytes, to: "audit.log")
        #expect(throws: AuditError.self) { try AuditAccessHistory(recording: Self.mine, logAt: path) }
    }
}
