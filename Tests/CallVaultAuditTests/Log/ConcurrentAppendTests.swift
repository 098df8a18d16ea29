import CallVaultAudit
import CallVaultCore
import CallVaultTestKit
import Foundation
import Testing

/// Appends from many tasks at once (a sweeper's parallel lanes, a session and a playback) must
/// each get their own sequence number: the actor is re-entered while the sink writes.
@Suite("Concurrent appends")
struct ConcurrentAppendTests {
    @Test("300 records from 30 tasks, with explicit checkpoints racing them, give one intact chain")
    func concurrentRecordsKeepOneChain() async throws {
        let sink = InMemoryAuditSink()
        let key = try AuditFixture.key()
        let log = try await AuditLog(
            sink: sink, signingKey: key, clock: ManualWallClock(AuditFixture.start),
            configuration: .init(checkpointEvery: 7, checkpointInterval: .seconds(3600)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<30 {
                group.addTask {
                    for index in 0..<10 {
                        try await log.record(AuditFixture.record(task * 10 + index))
                        if index == 5 { try await log.checkpoint() }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(sink.entries.count == 300, "every record once (their event ids are distinct)")
        #expect(sink.entries.map(\.sequence) == Array(1...300))
        try await log.checkpoint()
        let verification = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: sink.fileContents())
        #expect(verification.isIntact, "\(verification)")
    }
}
