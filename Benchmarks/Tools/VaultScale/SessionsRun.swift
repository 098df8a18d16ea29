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
        // Calls start 64 at a time, as a contact centre's calls do: each waits for its header to
        // be durable before its key is stored, and those rounds are shared.
        var sessions: [RecordingSession] = []
        let setup = clock.now
        for first in stride(from: 0, to: calls, by: 64) {
            let started = try await withThrowingTaskGroup(of: (Int, RecordingSession).self) { group in
                for index in first..<min(first + 64, calls) {
                    group.addTask {
                        (
                            index,
                            try await scale.vault.startRecording(
                                try ScaleVault.call(index), control: SilentCallControl())
                        )
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            sessions += started.sorted { $0.0 < $1.0 }.map(\.1)
        }
        print(String(format: "sessions: %d calls started in %.1f s", calls, VaultScaleTime.seconds(clock.now - setup)))
        fflush(nil)  // so a watcher (a profiler started once the calls run) sees it now
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
                    // Each lane feeds its own buffer, as each transport reader has its own packets: one
                    // buffer shared by both lanes would make every frame's retain and release contend
                    // for one cache line across the cores, a cost no real deployment has.
                    let silence = [UInt8](repeating: ScaleVault.silence[0], count: ScaleVault.silence.count)
                    let tracks = [TrackID.agent, .customer]
                    for tick in 0..<(ticks + stagger) {
                        let deadline = start + .milliseconds(20 * tick)
                        let now = clock.now
                        if now < deadline { try await clock.sleep(until: deadline) }
                        maxLag.note(clock.now - deadline, second: tick / 50)
                        defer { maxLag.note(clock.now - deadline, second: tick / 50) }  // the tick's last frame
                        for (index, session) in mine {
                            let local = tick - index % stagger
                            guard local >= 0, local < ticks else { continue }
                            for track in tracks {
                                try await session.ingest(
                                    .audio(
                                        silence, format: ScaleVault.mono, track: track,
                                        sequenceNumber: UInt64(local), timestamp: Int64(local * 160)))
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = clock.now - start
        print("sessions: feeder lag by second (ms): \(maxLag.perSecond.map(String.init).joined(separator: " "))")
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
    /// The largest lag in each second of the run (by the tick's due time), to tell a start-up
    /// spike from a steady deficit.
    private let bySecond = Mutex<[Int: Duration]>([:])
    func note(_ lag: Duration, second: Int = 0) {
        largest.withLock { $0 = max($0, lag) }
        bySecond.withLock { $0[second] = max($0[second] ?? .zero, lag) }
    }
    var value: Duration { largest.withLock { $0 } }
    /// Milliseconds, second by second.
    var perSecond: [Int] {
        bySecond.withLock { seconds in
            seconds.keys.sorted().map { Int(VaultScaleTime.seconds(seconds[$0] ?? .zero) * 1000) }
        }
    }
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

/// A blob store that notes, for each append (the header first, then one sealed segment each),
/// when the flush or synchronization round that made it durable finished.
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

    /// The file store's group synchronization (one `syncfs` a round), noting each blob's time.
    func synchronize(_ writers: [any BlobWriter]) -> [(any Error)?] {
        let timed = writers.compactMap { $0 as? Writer }
        let results = base.synchronize(timed.map(\.base))
        for (writer, result) in zip(timed, results) where result == nil { writer.noteDurable() }
        return results
    }

    /// Notes `appends` appends of `recording` durable now.
    func noteDurable(_ recording: RecordingID, appends: Int) {
        let now = ContinuousClock.now
        flushes.withLock { $0[recording, default: []] += Array(repeating: now, count: appends) }
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

        /// Appends since the last flush or round (only the blob's lane touches the writer).
        private var unsynchronized = 0

        func append(_ bytes: UnsafeRawBufferPointer) throws {
            try base.append(bytes)
            unsynchronized += 1
        }
        func flush() throws {
            try base.flush()
            noteDurable()
        }
        func noteDurable() {
            store.noteDurable(recording, appends: unsynchronized)
            unsynchronized = 0
        }
        func finish() throws { try base.finish() }
    }
}
