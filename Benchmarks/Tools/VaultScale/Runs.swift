import CallVault
import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Synchronization

/// Recordings finalized per second: sessions are started and fed a second of audio in batches, then
/// each batch is ended concurrently and only the ending is timed (sealing the last segment, the
/// atomic blob finish, the catalog entry, the retention schedule and the audit entry).
struct FinalizeRun {
    let count: Int
    let folder: String

    func run() async throws -> Double {
        let scale = try await ScaleVault(folder: folder, clock: SystemWallClock())
        var finalizing: Duration = .zero
        var started = 0
        while started < count {
            let batch = min(200, count - started)
            var sessions: [RecordingSession] = []
            for index in started..<started + batch {
                let session = try await scale.vault.startRecording(
                    try ScaleVault.call(index), control: SilentCallControl())
                for tick in 0..<50 {
                    for track in [TrackID.agent, .customer] {
                        try await session.ingest(
                            .audio(
                                ScaleVault.silence, format: ScaleVault.mono, track: track,
                                sequenceNumber: UInt64(tick), timestamp: Int64(tick * 160)))
                    }
                }
                sessions.append(session)
            }
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for session in sessions { group.addTask { _ = try await session.callEnded() } }
                try await group.waitForAll()
            }
            finalizing += clock.now - start
            started += batch
        }
        let seconds = Double(finalizing.components.seconds) + Double(finalizing.components.attoseconds) / 1e18
        return Double(count) / seconds
    }
}

/// Deletes `count` due recordings from the vault: populated through the stores (a sealed blob, a
/// stored wrap, a catalog entry and a retention record each), then one sweep, timed.
struct SweepRun {
    let count: Int
    let folder: String

    func run() async throws -> Double {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600))
        let scale = try await ScaleVault(folder: folder, clock: clock)
        let recipient = try Identity.generate().recipient
        let populateStart = ContinuousClock.now
        var records: [RetentionRecord] = []
        for index in 0..<count {
            let id = RecordingID()
            let blob = try scale.storage.blobs.create(id)
            try [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 2_048).withUnsafeBytes {
                try blob.append($0)
            }
            try blob.finish()
            try await scale.storage.catalog.save(
                RecordingEntry(
                    id: id, callID: "call-\(index)", state: .complete, startedAt: clock.now, endedAt: clock.now,
                    parties: [
                        RecordingEntry.Party(
                            id: "customer", role: .customer, location: try Jurisdiction(parsing: "US-TX"),
                            language: "en")
                    ],
                    customerID: "customer-\(index)", disclosedPurposes: [.quality], format: ScaleVault.stereo,
                    tracks: [.agent, .customer]))
            let key = try DataKey.generate()
            try await scale.storage.keys.store([try key.wrapped(for: recipient, recordingID: id)], for: id)
            let attributes = RecordingRetentionAttributes(
                recordingID: id, startedAt: clock.now, endedAt: clock.now,
                jurisdictions: [try Jurisdiction(parsing: "US-TX")],
                declaredRegimes: ["contact-centre-practice"], customerID: "customer-\(index)")
            records.append(
                RetentionRecord(
                    attributes: attributes, schedule: try scale.scheduler.schedule(for: attributes)))
            if records.count == 1_000 {
                try await scale.storage.retention.save(records)
                records.removeAll(keepingCapacity: true)
            }
        }
        try await scale.storage.retention.save(records)
        print(
            String(
                format: "sweep: populated %d recordings in %.1f s", count, seconds(ContinuousClock.now - populateStart))
        )
        // A sweep runs on recordings written long before; the write-back of the ones just made
        // would otherwise run during the timed sweep and be counted in it.
        let settle = ContinuousClock.now
        sync()
        print(String(format: "sweep: file system synced in %.1f s (not timed)", seconds(ContinuousClock.now - settle)))
        fflush(nil)  // so a watcher (a profiler started once the sweep runs) sees it now
        clock.advance(by: .seconds(3 * 366 * 86_400))
        let start = ContinuousClock.now
        let cpuBefore = cpuSeconds()
        let report = try await scale.vault.sweep { progress in
            if progress.batches % 20 == 0 {
                print("sweep: \(progress.deleted) deleted after \(progress.batches) batches")
            }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        // Below one core, the sweep waits (for the disk, or for its own serial steps) more than it computes.
        print(String(format: "sweep: %.2f cores while sweeping", (cpuSeconds() - cpuBefore) / elapsed))
        guard report.deleted.count == count else {
            print("sweep: expected \(count) deletions, got \(report.summary)")
            return .infinity
        }
        return elapsed
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
