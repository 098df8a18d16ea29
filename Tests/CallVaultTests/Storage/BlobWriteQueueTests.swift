import CallVault
import CallVaultCore
import CallVaultTestKit
import Foundation
import Testing

@Suite("Blob write queue")
struct BlobWriteQueueTests {
    /// A one-lane queue bounded at 100 bytes over a gated in-memory store, and a recording to write.
    static func queue() throws -> (InMemoryBlobStore, GatedBlobStore, BlobWriteQueue, RecordingID) {
        let base = InMemoryBlobStore(clock: ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600)))
        let gated = GatedBlobStore(base: base)
        return (base, gated, BlobWriteQueue(store: gated, lanes: 1, maximumPendingBytes: 100), RecordingID())
    }

    /// One segment of `bytes` copies of `byte`.
    static func job(_ byte: UInt8, bytes: Int, writer: BlobWriterHandle, tracker: BlobDurabilityTracker)
        -> BlobWriteJob
    {
        BlobWriteJob(
            writer: writer, work: .append([UInt8](repeating: byte, count: bytes)), lane: 0, tracker: tracker,
            segments: 1)
    }

    @Test("a full queue makes the submitter wait until a round frees room; nothing is dropped and order is kept")
    func backPressure() async throws {
        let (base, gated, queue, id) = try Self.queue()
        let tracker = BlobDurabilityTracker()
        let writer = BlobWriterHandle(value: try gated.create(id))
        func job(_ byte: UInt8) -> BlobWriteJob { Self.job(byte, bytes: 80, writer: writer, tracker: tracker) }
        gated.hold()
        await queue.submit(job(1))
        let admitted = LockedState(false)
        let second = Task {
            await queue.submit(job(2))
            admitted.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!admitted.withLock { $0 }, "80 + 80 bytes exceed the bound of 100")
        gated.release()
        await second.value
        try await tracker.waitUntilDrained()
        #expect(tracker.durableSegments == 2)
        #expect(base.bytes(of: id) == [UInt8](repeating: 1, count: 80) + [UInt8](repeating: 2, count: 80))
    }

    @Test("jobs that waited for room are appended in the order they were submitted, and count as outstanding meanwhile")
    func waitersKeepOrder() async throws {
        // Found by review: admitted waiters used to be resumed and then race each other to their
        // lane, so two segments of one blob (a session entered from two tasks, or a hang-up during
        // a waiting ingest) could be appended out of order; and a waiting job was not yet counted,
        // so waitUntilDrained could return before it.
        for attempt in 0..<5 {
            let (base, gated, queue, id) = try Self.queue()
            let tracker = BlobDurabilityTracker()
            let writer = BlobWriterHandle(value: try gated.create(id))
            func job(_ byte: UInt8) -> BlobWriteJob { Self.job(byte, bytes: 60, writer: writer, tracker: tracker) }
            gated.hold()
            await queue.submit(job(0))
            var waiting: [Task<Void, Never>] = []
            for byte in UInt8(1)...40 {
                waiting.append(Task { await queue.submit(job(byte)) })
                // Submitted in this order: each waits behind the previous one.
                while queue.waitingSubmitters < Int(byte) { await Task.yield() }
            }
            // A job of another blob, with its own tracker, waiting behind them: already submitted,
            // so its tracker is not drained.
            let otherTracker = BlobDurabilityTracker()
            let other = BlobWriterHandle(value: try gated.create(RecordingID()))
            waiting.append(
                Task {
                    await queue.submit(Self.job(9, bytes: 60, writer: other, tracker: otherTracker))
                })
            while queue.waitingSubmitters < 41 { await Task.yield() }
            let drained = LockedState(false)
            let waiter = Task {
                try? await otherTracker.waitUntilDrained()
                drained.withLock { $0 = true }
            }
            try await Task.sleep(for: .milliseconds(50))
            #expect(!drained.withLock { $0 }, "attempt \(attempt): a segment waiting for room is not durable yet")
            gated.release()
            for task in waiting { await task.value }
            await waiter.value
            try await tracker.waitUntilDrained()
            #expect(otherTracker.durableSegments == 1)
            #expect(tracker.durableSegments == 41)
            let appended = (base.bytes(of: id) ?? []).enumerated().filter { $0.offset % 60 == 0 }.map(\.element)
            #expect(appended == Array(0...40), "attempt \(attempt): appended in the order submitted")
        }
    }
}
