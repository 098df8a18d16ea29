import CallVault
import CallVaultCore
import CallVaultTestKit
import Dispatch
import Foundation
import Testing

/// A blob store over an in-memory one that a test can hold at the synchronization of a round (the
/// vault's blob writing thread waits there until released), that notes how many blobs each round
/// synchronized, that can make appends or the deletion of chosen blobs fail, and that can make
/// each deletion take a while (noting how many ran at once).
final class GatedBlobStore: BlobStore, @unchecked Sendable {
    // @unchecked: every mutable field is behind `lock`; the semaphore is thread-safe.
    let base: InMemoryBlobStore
    private let lock = NSLock()
    private var held = false
    private var waiting = DispatchSemaphore(value: 0)
    private var rounds: [Int] = []
    private var failingAppends: Int?
    private var silent = false
    private var undeletable = Set<RecordingID>()
    private var deletionDelay: Duration?
    private var deleting = 0
    private var maximumDeleting = 0

    init(base: InMemoryBlobStore) {
        self.base = base
    }

    /// Makes every synchronization from now on wait until ``release()``.
    func hold() {
        lock.withLock {
            held = true
            waiting = DispatchSemaphore(value: 0)
        }
    }

    /// Lets waiting and later synchronizations through.
    func release() {
        let semaphore = lock.withLock {
            held = false
            return waiting
        }
        // More signals than waiters is harmless: a held round waits on a fresh semaphore.
        for _ in 0..<64 { semaphore.signal() }
    }

    /// Makes every synchronization answer nothing (and flush nothing), as a broken store would.
    func answerNothing() {
        lock.withLock { silent = true }
    }

    /// Makes every append after the first `count` (of all blobs) throw.
    func failAppends(after count: Int) {
        lock.withLock { failingAppends = count }
    }

    /// How many blobs each round synchronized, in order.
    var roundSizes: [Int] { lock.withLock { rounds } }

    func create(_ recording: RecordingID) throws -> any BlobWriter {
        Writer(base: try base.create(recording), store: self)
    }

    func source(for recording: RecordingID) throws -> AnyRandomAccessByteSource { try base.source(for: recording) }
    func delete(_ recording: RecordingID) throws {
        let (refused, delay) = lock.withLock { () -> (Bool, Duration?) in
            deleting += 1
            maximumDeleting = max(maximumDeleting, deleting)
            return (undeletable.contains(recording), deletionDelay)
        }
        defer { lock.withLock { deleting -= 1 } }
        // A blocking wait, as an unlink that waits for a discard blocks its thread.
        if let delay { Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18) }
        if refused { throw DeletionRefused(recording: recording) }
        try base.delete(recording)
    }

    /// Makes the deletion of `recordings`' blobs throw until ``allowDeletion()``.
    func refuseDeletion(of recordings: Set<RecordingID>) {
        lock.withLock { undeletable = recordings }
    }

    /// Lets every blob be deleted again.
    func allowDeletion() {
        lock.withLock { undeletable = [] }
    }

    /// Makes every deletion block its thread for `delay` (under a second).
    func slowDeletions(by delay: Duration) {
        lock.withLock { deletionDelay = delay }
    }

    /// The most deletions that were running at once.
    var mostDeletionsAtOnce: Int { lock.withLock { maximumDeleting } }

    /// The error a refused deletion throws.
    struct DeletionRefused: Error, Equatable {
        let recording: RecordingID
    }
    func unfinished() throws -> [UnfinishedBlob] { try base.unfinished() }
    func closeUnfinished(_ recording: RecordingID) throws { try base.closeUnfinished(recording) }

    func synchronize(_ writers: [any BlobWriter]) -> [(any Error)?] {
        let (wait, answersNothing) = lock.withLock { () -> (DispatchSemaphore?, Bool) in
            rounds.append(writers.count)
            return (held ? waiting : nil, silent)
        }
        wait?.wait()
        if answersNothing { return [] }
        return writers.map { writer in
            do {
                try writer.flush()
                return nil
            } catch {
                return error
            }
        }
    }

    /// The error appends throw once ``failAppends(after:)`` says so.
    struct DiskFull: Error, Equatable {}

    fileprivate func admitAppend() throws {
        try lock.withLock {
            guard let remaining = failingAppends else { return }
            if remaining == 0 { throw DiskFull() }
            failingAppends = remaining - 1
        }
    }

    final class Writer: BlobWriter {
        let base: any BlobWriter
        let store: GatedBlobStore

        init(base: any BlobWriter, store: GatedBlobStore) {
            self.base = base
            self.store = store
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws {
            try store.admitAppend()
            try base.append(bytes)
        }

        func flush() throws { try base.flush() }
        func finish() throws { try base.finish() }
    }
}

extension VaultWorld {
    /// A world whose vault writes its blobs through a ``GatedBlobStore`` over the world's store.
    static func gated() async throws -> (VaultWorld, GatedBlobStore) {
        var gated: GatedBlobStore?
        let world = try await VaultWorld(wrappingBlobs: { base in
            let store = GatedBlobStore(base: base)
            gated = store
            return store
        })
        return (world, try #require(gated))
    }
}
