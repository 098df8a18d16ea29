import CallVault
import CallVaultCapture
import CallVaultCore
import CallVaultSQLite
import Foundation
import Synchronization

/// `calls` sessions fed at real time for `seconds`: every 20 ms each call gets a frame on each
/// track. Calls start at staggered ticks, as in a real contact centre, so their segments do not all
/// close in the same 20 ms. The blob store is the vault's file store behind a wrapper that notes
/// when each segment's fsync finished.
struct SessionsRun {
    let calls: Int
    let seconds: Int
    let folder: String

    struct Result: CustomStringConvertible {
        let calls: Int
        let seconds: Int
        let cores: Double
        let p50Milliseconds: Int
        let p99Milliseconds: Int
        let maxLagMilliseconds: Int
        let segments: Int
        var fellBehind: Bool { maxLagMilliseconds > 1_000 }

        var description: String {
            String(
                format:
                    "sessions: %d calls for %d s at real time: %.2f cores, frame-to-sealed p50 %d ms, p99 %d ms, %d segments sealed, feeder lag at most %d ms%@",
                calls, seconds, cores, p50Milliseconds, p99Milliseconds, segments, maxLagMilliseconds,
                fellBehind ? " (FELL BEHIND)" : "")
        }
    }

    func run() async throws -> Result {
        let clock = ContinuousClock()
        let timing = TimingBlobStore(base: try FileBlobStore(directory: folder + "/timed-blobs"))
        let scale = try await ScaleVault(folder: folder, clock: SystemWallClock(), blobs: timing)
        var sessions: [RecordingSession] = []
        for index in 0..<calls {
            sessions.append(
                try await scale.vault.startRecording(try ScaleVault.call(index), control: SilentCallControl()))
        }
        let ticks = seconds * 50
        let stagger = 50  // calls start over the first second
        let cpuBefore = cpuSeconds()
        let start = clock.now
        timing.start(at: start)
        let maxLag = LagRecord()
        let lanes = ProcessInfo.processInfo.activeProcessorCount
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                let mine = stride(from: lane, to: sessions.count, by: lanes).map { ($0, sessions[$0]) }
                group.addTask {
                    for tick in 0..<(ticks + stagger) {
                        let deadline = start + .milliseconds(20 * tick)
                        let now = clock.now
                        if now < deadline { try await clock.sleep(until: deadline) }
                        let lag = clock.now - deadline
                        maxLag.note(lag)
                        for (index, session) in mine {
                            let local = tick - index % stagger
                            guard local >= 0, local < ticks else { continue }
                            for track in [TrackID.agent, .customer] {
                                try await session.ingest(
                                    .audio(
                                        ScaleVault.silence, format: ScaleVault.mono, track: track,
                                        sequenceNumber: UInt64(local), timestamp: Int64(local * 160)))
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - start
        let cpu = cpuSeconds() - cpuBefore
        for session in sessions { _ = try await session.callEnded() }
        let indexOf = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1.recordingID, $0) })
        // Segment k of the call at index i closes with the frame fed at tick (i % stagger) + 50(k+1) - 1.
        let delays = timing.delays { recording, flushNumber in
            // The last segment is sealed when the call ends, after the run: not a real-time figure.
            guard flushNumber <= seconds, let index = indexOf[recording] else { return nil }
            return start + .milliseconds(20 * (index % stagger + 50 * flushNumber - 1))
        }.sorted()
        func percentile(_ fraction: Double) -> Int {
            delays.isEmpty ? 0 : delays[min(delays.count - 1, Int(Double(delays.count) * fraction))]
        }
        return Result(
            calls: calls, seconds: seconds, cores: cpu / VaultScaleTime.seconds(elapsed),
            p50Milliseconds: percentile(0.5),
            p99Milliseconds: percentile(0.99), maxLagMilliseconds: Int(VaultScaleTime.seconds(maxLag.value) * 1000),
            segments: delays.count)
    }
}

/// The largest lag any feeder saw.
final class LagRecord: Sendable {
    private let largest = Mutex<Duration>(.zero)
    func note(_ lag: Duration) { largest.withLock { $0 = max($0, lag) } }
    var value: Duration { largest.withLock { $0 } }
}

enum VaultScaleTime {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A blob store that notes, per recording, when each flush finished (flush 1 is the header's).
final class TimingBlobStore: BlobStore {
    let base: FileBlobStore
    private let flushes = Mutex<[RecordingID: [ContinuousClock.Instant]]>([:])
    private let origin = Mutex<ContinuousClock.Instant?>(nil)

    init(base: FileBlobStore) {
        self.base = base
    }

    func start(at instant: ContinuousClock.Instant) { origin.withLock { $0 = instant } }

    func create(_ recording: RecordingID) throws -> any BlobWriter {
        Writer(base: try base.create(recording), recording: recording, store: self)
    }

    func source(for recording: RecordingID) throws -> AnyRandomAccessByteSource { try base.source(for: recording) }
    func delete(_ recording: RecordingID) throws { try base.delete(recording) }
    func unfinished() throws -> [UnfinishedBlob] { try base.unfinished() }
    func closeUnfinished(_ recording: RecordingID) throws { try base.closeUnfinished(recording) }

    func noteFlush(_ recording: RecordingID) {
        let now = ContinuousClock.now
        flushes.withLock { $0[recording, default: []].append(now) }
    }

    /// Milliseconds from each segment's last frame (`expected(recording, segmentNumber)`, from 1)
    /// to its fsync; the header's flush is left out.
    func delays(expected: (RecordingID, Int) -> ContinuousClock.Instant?) -> [Int] {
        flushes.withLock { $0 }.flatMap { recording, times in
            times.dropFirst().enumerated().compactMap { number, time -> Int? in
                guard let due = expected(recording, number + 1) else { return nil }
                return Int(VaultScaleTime.seconds(time - due) * 1000)
            }
        }
    }

    final class Writer: BlobWriter {
        let base: any BlobWriter
        let recording: RecordingID
        let store: TimingBlobStore

        init(base: any BlobWriter, recording: RecordingID, store: TimingBlobStore) {
            self.base = base
            self.recording = recording
            self.store = store
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws { try base.append(bytes) }
        func flush() throws {
            try base.flush()
            store.noteFlush(recording)
        }
        func finish() throws { try base.finish() }
    }
}
