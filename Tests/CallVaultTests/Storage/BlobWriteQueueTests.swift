import CallVault
import CallVaultCore
import CallVaultTestKit
import Foundation
import Testing

@Suite("Blob write queue")
struct BlobWriteQueueTests {
    @Test("a full queue makes the submitter wait until a round frees room; nothing is dropped and order is kept")
    func backPressure() async throws {
        let base = InMemoryBlobStore(clock: ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600)))
        let gated = GatedBlobStore(base: base)
        let queue = BlobWriteQueue(store: gated, lanes: 1, maximumPendingBytes: 100)
        let id = RecordingID()
        let writer = BlobWriterHandle(value: try gated.create(id))
        let tracker = BlobDurabilityTracker()
        func job(_ byte: UInt8) -> BlobWriteJob {
            BlobWriteJob(
                writer: writer, work: .append([UInt8](repeating: byte, count: 80)), lane: 0, tracker: tracker,
                segments: 1)
        }
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
}
