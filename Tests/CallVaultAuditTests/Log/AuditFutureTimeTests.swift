import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// An entry dated in the future (a host whose clock was wrong, a program simulating years ahead)
/// poisons the log's time: the writer keeps its times rising, so every later entry would be
/// stamped with that future time too. Verification reports it and writers refuse to continue such
/// a log, once it is more than an hour ahead of their clock.
@Suite("Audit log: entries dated in the future")
struct AuditFutureTimeTests {
    static let threeYears: TimeInterval = 3 * 365 * 86_400

    /// A log in memory started now, whose entries were then written by a clock `ahead` seconds
    /// fast.
    static func log(aheadBy ahead: TimeInterval, count: Int = 3) async throws -> InMemoryAuditSink {
        let clock = ManualWallClock(Date())
        let sink = InMemoryAuditSink()
        let log = try await AuditLog(sink: sink, signingKey: try AuditFixture.key(), clock: clock)
        clock.advance(by: .seconds(Int64(ahead)))
        for index in 0..<count { try await log.record(AuditFixture.record(index)) }
        try await log.checkpoint()
        return sink
    }

    @Test("entries three years ahead of the verifier's clock are reported as entry-in-the-future on their line")
    func futureEntriesReported() async throws {
        let sink = try await Self.log(aheadBy: Self.threeYears)
        let verification = AuditVerifier(trustedKey: try AuditFixture.key().verifyingKey)
            .verify(contents: sink.fileContents())
        let problem = try #require(verification.problem, "a future-dated log verified: \(verification)")
        #expect(problem.kind.rawValue == "entry-in-the-future", "\(problem)")
        #expect(problem.line == 2, "the first entry, on the line after the header: \(problem)")
        #expect(problem.sequence == 1)
        #expect(problem.detail.contains("in the future"), "\(problem.detail)")
        #expect(!verification.isIntact)
    }

    @Test("a verifier given a clock judges by it: the same log is intact for a clock three years on")
    func verifierClock() async throws {
        let later = ManualWallClock(Date().addingTimeInterval(Self.threeYears + 60))
        let sink = try await Self.log(aheadBy: Self.threeYears)
        let verification = AuditVerifier(trustedKey: try AuditFixture.key().verifyingKey, clock: later)
            .verify(contents: sink.fileContents())
        #expect(verification.isIntact, "\(verification)")
        #expect(AuditVerifier.futureTolerance == .seconds(3600))
    }

    @Test("entries within the hour's tolerance are accepted (clocks of different hosts disagree a little)")
    func withinTolerance() async throws {
        let sink = try await Self.log(aheadBy: 50 * 60)
        let verification = AuditVerifier(trustedKey: try AuditFixture.key().verifyingKey)
            .verify(contents: sink.fileContents())
        #expect(verification.isIntact, "\(verification)")
    }

    @Test("a checkpoint or a header dated in the future is reported too")
    func futureCheckpointAndHeader() async throws {
        // Entries now, then a checkpoint signed by a clock gone three years on.
        let clock = ManualWallClock(Date().addingTimeInterval(-60))
        let sink = InMemoryAuditSink()
        let log = try await AuditLog(sink: sink, signingKey: try AuditFixture.key(), clock: clock)
        try await log.record(AuditFixture.record(0))
        clock.advance(by: .seconds(Int64(Self.threeYears)))
        try await log.checkpoint()
        let verification = AuditVerifier(trustedKey: try AuditFixture.key().verifyingKey)
            .verify(contents: sink.fileContents())
        #expect(verification.problem?.kind.rawValue == "entry-in-the-future", "\(verification)")
        #expect(verification.problem?.line == 3, "the checkpoint's line: \(verification)")

        // A log started (its header's creation time) three years on, with no entries.
        let headerOnly = InMemoryAuditSink()
        _ = try await AuditLog(
            sink: headerOnly, signingKey: try AuditFixture.key(),
            clock: ManualWallClock(Date().addingTimeInterval(Self.threeYears)))
        let header = AuditVerifier().verify(contents: headerOnly.fileContents())
        #expect(header.problem?.kind.rawValue == "entry-in-the-future", "\(header)")
        #expect(header.problem?.line == 1, "\(header)")
    }

    @Test("a writer refuses to continue a log whose last entry is in its future, and appends nothing")
    func writerRefusesPoisonedLog() async throws {
        let sink = try await Self.log(aheadBy: Self.threeYears)
        let before = sink.fileContents()
        do {
            let log = try await AuditLog(sink: sink, signingKey: try AuditFixture.key(), clock: SystemWallClock())
            try await log.record(AuditFixture.record(9))
            Issue.record("a log dated three years ahead was continued")
        } catch let error as AuditError {
            guard case .timeInTheFuture(let time, let clock) = error.reason else {
                Issue.record("another error: \(error)")
                return
            }
            #expect(time.timeIntervalSince(clock) > Self.threeYears - 60)
            #expect("\(error)".contains("in the future"), "\(error)")
            #expect("\(error)".contains("clock"), "says what to check: \(error)")
        }
        #expect(sink.fileContents() == before, "nothing was appended")
    }

    @Test(
        "a clock stepped back more than the tolerance while the log is open: the append is refused, not stamped ahead")
    func clockSteppedBack() async throws {
        let clock = ManualWallClock(AuditFixture.start)
        let sink = InMemoryAuditSink()
        let log = try await AuditLog(sink: sink, signingKey: try AuditFixture.key(), clock: clock)
        try await log.record(AuditFixture.record(0))
        clock.advance(by: .seconds(30 * 60))
        try await log.record(AuditFixture.record(1))
        // Back by 20 minutes (inside the tolerance): kept rising, stamped at the latest time.
        clock.advance(by: .seconds(-20 * 60))
        let kept = try #require(try await log.record(AuditFixture.record(2)))
        #expect(kept.timestamp == sink.entries[1].timestamp)
        // Back by two hours: refused.
        clock.set(to: AuditFixture.start.addingTimeInterval(-2 * 3600))
        await #expect(throws: AuditError.self) { try await log.record(AuditFixture.record(3)) }
        #expect(sink.entries.count == 3, "nothing was appended")
        // The clock put right: the log continues.
        clock.set(to: AuditFixture.start.addingTimeInterval(3600))
        #expect(try await log.record(AuditFixture.record(4)) != nil)
    }
}
