import CallVaultCore
import Dispatch

/// Deletes blobs off Swift's cooperative threads, several at a time.
///
/// A blob store's `delete` blocks: it unlinks a file, and a file system mounted with `discard`
/// waits in the unlink while the freed blocks are discarded (about 0.1 ms each on this project's
/// machines). Run on the cooperative threads, a sweep's deletions held them all (nothing else of
/// the host's async work ran meanwhile) and ran one after another; here they run on `width`
/// serial dispatch queues, so the waits overlap. (A whole sweep was not measurably faster for
/// it: its time is mostly the database's and the records' decoding.) Serial, not
/// one concurrent queue: on Linux a concurrent queue gets no more threads than there are cores
/// however long they block, while each serial queue may have a thread of its own.
package enum BlobDeletion {
    /// How many deletions run at once. More than the cores: the threads mostly wait.
    package static let width = 8

    private static let lanes = (0..<width).map { DispatchQueue(label: "callvault.blob-deletion.\($0)") }
    private static let nextLane = LockedState(0)

    /// Deletes every blob of `contents` from `store`. Every deletion is tried; the first failure
    /// (in `contents` order) is thrown once all have finished.
    package static func delete(_ contents: [RecordingID], from store: any BlobStore) async throws {
        guard !contents.isEmpty else { return }
        let count = min(width, contents.count)
        // Callers at once (two sweeps' slices) start on different queues.
        let first = nextLane.withLock { next in
            defer { next = (next + count) % width }
            return next
        }
        let failures = LockedState<[Int: any Error]>([:])
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for lane in 0..<count {
                lanes[(first + lane) % width].async(group: group) {
                    for index in stride(from: lane, to: contents.count, by: count) {
                        do {
                            try store.delete(contents[index])
                        } catch {
                            failures.withLock { $0[index] = error }
                        }
                    }
                }
            }
            group.notify(queue: lanes[first]) { continuation.resume() }
        }
        let failed = failures.withLock { $0 }
        if let first = failed.keys.min(), let error = failed[first] { throw error }
    }
}
