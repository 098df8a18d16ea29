import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// What the log does with records: numbering, times, repeated events, failures and reopening.
@Suite("Audit log: recording")
struct AuditLogRecordingTests {
    @Test("entries are numbered from 1 without gaps and carry the clock's time in milliseconds")
    func numbering() async throws {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let log = try await AuditLog(sink: sink, signingKey: try AuditFixture.key(), clock: clock)
        let first = try #require(try await log.record(AuditFixture.record(0)))
        clock.advance(by: .milliseconds(1_234))
        let second = try #require(try await log.record(AuditFixture.record(1)))
        #expect([first.sequence, second.sequence] == [1, 2])
        #expect(first.timestamp == 1_795_000_000_250)
        #expect(second.timestamp == 1_795_000_001_484)
        #expect(second.time == Date(timeIntervalSince1970: 1_795_000_001.484))
        #expect(sink.entries == [first, second])
        #expect(first.record == AuditFixture.record(0))
    }

    @Test("a clock stepped back never makes an entry older than the one before it")
    func monotonicTime() async throws {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let key = try AuditFixture.key()
        let log = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        try await log.record(AuditFixture.record(0))
        clock.advance(by: .seconds(-3600))
        try await log.record(AuditFixture.record(1))
        clock.advance(by: .seconds(3601))
        try await log.record(AuditFixture.record(2))
        #expect(
            sink.entries.map(\.timestamp) == [1_795_000_000_250, 1_795_000_000_250, 1_795_000_001_250])
        // Also across a reopen with the clock an hour back.
        clock.advance(by: .seconds(-3600))
        let reopened = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        let entry = try #require(try await reopened.record(AuditFixture.record(3)))
        #expect(entry.timestamp == 1_795_000_001_250)
        #expect(AuditVerifier().verify(contents: sink.fileContents()).isIntact)
    }

    @Test("a repeated event id is recorded once: in one batch, across calls, and after a reopen")
    func eventDedupe() async throws {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let key = try AuditFixture.key()
        let log = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        func event(_ id: String?) -> AuditRecord {
            AuditRecord(
                actor: "sweeper", action: .recordingDeleted, target: "recording:x", outcome: .succeeded, eventID: id)
        }
        let batch = try await log.record([event("a"), event("b"), event("a"), event(nil), event(nil)])
        #expect(batch.map(\.record.eventID) == ["a", "b", nil, nil], "records without an id are never merged")
        #expect(try await log.record(event("b")) == nil)
        #expect(try await log.record(event("c"))?.sequence == 5)
        let reopened = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        #expect(try await reopened.record([event("a"), event("c")]).isEmpty)
        #expect(try await reopened.record(event("d"))?.sequence == 6)
        #expect(sink.entries.compactMap(\.record.eventID) == ["a", "b", "c", "d"])
    }

    @Test("a failed append leaves the log where it was; the next append continues the chain")
    func failedAppend() async throws {
        let faults = FaultPlan()
        let sink = InMemoryAuditSink(faults: faults)
        let clock = ManualWallClock(AuditFixture.start)
        let log = try await AuditLog(
            sink: sink, signingKey: try AuditFixture.key(), clock: clock, configuration: .init(checkpointEvery: 2))
        try await log.record(AuditFixture.record(0))
        faults.crash(atOperation: 0)
        await #expect(throws: SimulatedCrash.self) {
            try await log.record(
                AuditRecord(actor: "x", action: .grantUse, target: "t", outcome: .allowed, eventID: "e"))
        }
        #expect(await log.sequence == 1)
        faults.restart()
        let retried = try await log.record(
            AuditRecord(actor: "x", action: .grantUse, target: "t", outcome: .allowed, eventID: "e"))
        #expect(retried?.sequence == 2, "the event id of the failed append was not remembered")
        #expect(sink.checkpoints.map(\.sequence) == [2])
        #expect(AuditVerifier().verify(contents: sink.fileContents()).isIntact)
    }

    @Test("reopening continues the chain and the count towards the next checkpoint")
    func reopen() async throws {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let key = try AuditFixture.key()
        let configuration = AuditLog.Configuration(checkpointEvery: 5)
        let first = try await AuditLog(sink: sink, signingKey: key, clock: clock, configuration: configuration)
        for index in 0..<3 { try await first.record(AuditFixture.record(index)) }
        let second = try await AuditLog(sink: sink, signingKey: key, clock: clock, configuration: configuration)
        #expect(second.logID == first.logID)
        #expect(await second.sequence == 3)
        for index in 3..<5 { try await second.record(AuditFixture.record(index)) }
        #expect(sink.checkpoints.map(\.sequence) == [5])
        let verification = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: sink.fileContents())
        #expect(verification.isIntact && verification.entryCount == 5, "\(verification)")
    }

    @Test("a log signed by another key is refused")
    func otherSigner() async throws {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let owner = try AuditFixture.key(1)
        _ = try await AuditLog(sink: sink, signingKey: owner, clock: clock)
        let intruder = try AuditFixture.key(2)
        await #expect(
            throws: AuditError.wrongSigner(
                expected: intruder.verifyingKey.description, found: owner.verifyingKey.description)
        ) {
            _ = try await AuditLog(sink: sink, signingKey: intruder, clock: clock)
        }
    }

    @Test("configuration raises checkpointEvery to at least 1")
    func configuration() {
        #expect(AuditLog.Configuration(checkpointEvery: 0).checkpointEvery == 1)
        #expect(AuditLog.Configuration(checkpointEvery: -5).checkpointEvery == 1)
        #expect(AuditLog.Configuration().checkpointEvery == 1000)
        #expect(AuditLog.Configuration().checkpointInterval == .seconds(60))
    }

    @Test("errors say what is wrong and what to do", arguments: AuditErrorSample.all)
    func errorMessages(sample: AuditErrorSample) {
        let text = sample.error.description
        for word in sample.mentions {
            #expect(text.contains(word), "\(text)")
        }
    }
}

struct AuditErrorSample: Sendable, CustomTestStringConvertible {
    let error: AuditError
    let mentions: [String]

    var testDescription: String { mentions.first ?? "" }

    static let all = [
        AuditErrorSample(
            error: .invalidField(name: "action", value: "A", reason: "use x"), mentions: ["action", "'A'"]),
        AuditErrorSample(error: .io(path: "/x", reason: "no space"), mentions: ["/x", "no space", "permissions"]),
        AuditErrorSample(error: .notAnAuditLog(path: "/y", reason: "line 1"), mentions: ["/y", "line 1"]),
        AuditErrorSample(
            error: .tornTail(path: "/z", line: 7, byteCount: 12), mentions: ["/z", "line 7", "12 bytes", "moveAside"]),
        AuditErrorSample(
            error: .damaged(path: "/w", line: 3, reason: "gap"), mentions: ["/w", "line 3", "callvault audit verify"]),
        AuditErrorSample(error: .wrongSigner(expected: "aa", found: "bb"), mentions: ["aa", "bb"]),
    ]
}
