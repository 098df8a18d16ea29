import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation

/// The guarantees every `AuditSink` keeps, each with its check.
///
/// States are compared field by field (log id, signer, sequence, head, last checkpoint, event
/// ids), so the suite keeps working when `AuditLogState` gains fields.
enum AuditSinkConformance {
    static let seam = "AuditSink"

    static let guarantees: [Guarantee<any AuditSink>] = [
        Guarantee("an empty sink starts the log it is offered") { sink, expect in
            let logID = UUID()
            let signer = try SigningKey.generate().verifyingKey
            let state = try await sink.open(newLogID: logID, signer: signer, at: 1_780_000_000_750)
            try expect.equal(state.logID, logID, "the log id")
            try expect.equal(state.signer, signer, "the signer")
            try expect.equal(state.sequence, 0, "the sequence")
            try expect.equal(state.head, [], "the head")
            try expect.that(state.lastCheckpoint == nil, "a new log has a checkpoint")
            try expect.equal(state.eventIDs, [], "the event ids")
        },
        Guarantee("a sink holding a log reports it, whatever log is offered") { sink, expect in
            let logID = UUID()
            let signer = try SigningKey.generate().verifyingKey
            _ = try await sink.open(newLogID: logID, signer: signer, at: 1_780_000_000_750)
            let again = try await sink.open(
                newLogID: UUID(), signer: try SigningKey.generate().verifyingKey, at: 1_780_000_100_000)
            try expect.equal(again.logID, logID, "the log id on reopening")
            try expect.equal(again.signer, signer, "the signer on reopening")
        },
        Guarantee("opening reports the last entry, head, last checkpoint and every event id") { sink, expect in
            _ = try await sink.open(newLogID: UUID(), signer: try SigningKey.generate().verifyingKey, at: 0)
            let first = try ConformanceFixtures.auditEntries(1...4)
            let second = try ConformanceFixtures.auditEntries(5...7)
            try await sink.append(first, checkpoint: ConformanceFixtures.checkpoint(4))
            try await sink.append(second, checkpoint: nil)
            let state = try await sink.open(newLogID: UUID(), signer: try SigningKey.generate().verifyingKey, at: 0)
            try expect.equal(state.sequence, 7, "the sequence")
            try expect.equal(state.head, second.last?.hash ?? [], "the head")
            try expect.equal(state.lastCheckpoint, ConformanceFixtures.checkpoint(4), "the last checkpoint")
            let events = Set((first + second).compactMap(\.record.eventID))
            try expect.equal(state.eventIDs, events, "the event ids")
        },
        Guarantee("a checkpoint appended alone becomes the last checkpoint") { sink, expect in
            _ = try await sink.open(newLogID: UUID(), signer: try SigningKey.generate().verifyingKey, at: 0)
            try await sink.append(try ConformanceFixtures.auditEntries(1...3), checkpoint: nil)
            try await sink.append([], checkpoint: ConformanceFixtures.checkpoint(3))
            let state = try await sink.open(newLogID: UUID(), signer: try SigningKey.generate().verifyingKey, at: 0)
            try expect.equal(state.sequence, 3, "the sequence")
            try expect.equal(state.lastCheckpoint, ConformanceFixtures.checkpoint(3), "the last checkpoint")
        },
        Guarantee("an AuditLog over the sink continues after reopening and records a repeated event once") {
            sink, expect in
            let key = try SigningKey.generate()
            let clock = ManualWallClock(ConformanceFixtures.now)
            let configuration = AuditLog.Configuration(checkpointEvery: 2)
            let log = try await AuditLog(sink: sink, signingKey: key, clock: clock, configuration: configuration)
            let record = AuditRecord(
                actor: "callvault-sweeper", action: .recordingDeleted, target: "recording:1", outcome: .succeeded,
                reasons: ["retention ended"], eventID: "deletion-1")
            try await log.record(record)
            try await log.record(
                AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .denied))
            clock.advance(by: .seconds(1))
            let reopened = try await AuditLog(sink: sink, signingKey: key, clock: clock, configuration: configuration)
            try expect.equal(reopened.logID, log.logID, "the reopened log's id")
            try expect.equal(await reopened.sequence, 2, "the reopened log's sequence")
            try expect.that(try await reopened.record(record) == nil, "a repeated event was recorded again")
            let next = try await reopened.record(
                AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .allowed))
            try expect.equal(next?.sequence, 3, "the next entry's sequence")
            let state = try await sink.open(newLogID: UUID(), signer: key.verifyingKey, at: 0)
            try expect.equal(state.sequence, 3, "the stored sequence")
            try expect.equal(state.head, next?.hash ?? [], "the stored head")
            try expect.equal(state.eventIDs, ["deletion-1"], "the stored event ids")
        },
    ]
}
