import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultTestKit
import Foundation
import Testing

/// Settling a recording a crash left open is itself cut off at each store operation in turn (the
/// `callvault` tool settles them whenever it opens a vault, so it may be killed while doing it),
/// then run again: it ends as an uninterrupted settle, with the same end time and schedule, the
/// blob closed, and one `recording.recovered` entry.
@Suite("Crash recovery: a crash while settling")
struct RecoveryCrashTests {
    static let open = RecordingID(parsing: "00000000-0000-4000-8000-0000000000aa") ?? RecordingID()

    struct Settled: Equatable {
        var state: RecordingEntry.State?
        var endedAt: Date?
        var scheduledEnd: Date?
        var unfinished: [RecordingID] = []
        var recoveredEntries = 0
        var recoveredReasons: [[String]] = []
        var auditIntact = false
    }

    static func settled(_ world: CrashableVault) async throws -> Settled {
        let entries = world.auditSink.entries.filter { $0.record.action.identifier == "recording.recovered" }
        return Settled(
            state: try await world.catalog.recording(open)?.state,
            endedAt: try await world.catalog.recording(open)?.endedAt,
            scheduledEnd: try await world.retention.record(open)?.attributes.endedAt,
            unfinished: try world.blobs.unfinished().map(\.recordingID), recoveredEntries: entries.count,
            recoveredReasons: entries.map(\.record.reasons),
            auditIntact: AuditVerifier(trustedKey: world.keys.organisation.verifyingKey)
                .verify(contents: world.auditSink.fileContents()).isIntact)
    }

    static func world(_ keys: CrashableVault.Keys) async throws -> CrashableVault {
        let world = try await CrashableVault(keys: keys)
        try await world.record(open, customer: "customer-3", on: try await world.vault(), ending: false)
        return world
    }

    @Test("recovery cut off at any operation and run again settles the recording once, as an uninterrupted run")
    func crashWhileSettling() async throws {
        let keys = try CrashableVault.Keys()
        let reference = try await Self.world(keys)
        let before = reference.faults.operationCount
        let settledOnce = try await reference.vault().recoverInterruptedRecordings()
        let operations = reference.faults.operationCount - before
        #expect(settledOnce.map(\.id) == [Self.open])
        let expected = try await Self.settled(reference)
        #expect(expected.state == .incomplete && expected.recoveredEntries == 1 && expected.unfinished.isEmpty)

        for crashAt in 0..<operations {
            let world = try await Self.world(keys)
            world.faults.crash(atOperation: crashAt)
            await #expect(throws: (any Error).self, "crash at \(crashAt)") {
                try await world.vault().recoverInterruptedRecordings()
            }
            world.faults.restart()
            world.clock.advance(by: .seconds(3_600))
            _ = try await world.vault().recoverInterruptedRecordings()
            let settled = try await Self.settled(world)
            #expect(settled == expected, "crash at \(crashAt): \(settled), expected \(expected)")
        }
    }
}
