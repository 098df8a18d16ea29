public import CallVault
public import CallVaultCore
import Foundation

/// A `BlobStore` in memory that behaves like a disk: bytes appended but not flushed are lost in a
/// simulated crash (``simulateCrash()``), so tests can check what a real crash would leave. A
/// ``FaultPlan`` can make creating, deleting and closing blobs fail as if the process died there.
public final class InMemoryBlobStore: BlobStore {
    struct Blob {
        var bytes: [UInt8] = []
        var flushedCount = 0
        var isFinished = false
        var lastWrittenAt: Date?
    }

    private let blobs = LockedState<[RecordingID: Blob]>([:])
    private let clock: any WallClock
    private let faults: FaultPlan?

    /// Creates an empty store; `clock` stamps writes, `faults` simulates crashes.
    public init(clock: any WallClock, faults: FaultPlan? = nil) {
        self.clock = clock
        self.faults = faults
    }

    /// Starts a blob.
    public func create(_ recording: RecordingID) throws -> any BlobWriter {
        try faults?.step("blobs.create")
        try blobs.withLock { blobs in
            guard blobs[recording] == nil else { throw StorageError.blobExists(recording) }
            blobs[recording] = Blob()
        }
        return Writer(store: self, recording: recording)
    }

    /// The bytes of a blob, as flushed (what survives a crash) for unfinished ones.
    public func source(for recording: RecordingID) throws -> AnyRandomAccessByteSource {
        guard let blob = blobs.withLock({ $0[recording] }) else { throw StorageError.blobMissing(recording) }
        let bytes = blob.isFinished ? blob.bytes : Array(blob.bytes.prefix(blob.flushedCount))
        return AnyRandomAccessByteSource(
            byteCount: { UInt64(bytes.count) },
            read: { buffer, offset in
                guard offset <= UInt64(bytes.count), UInt64(buffer.count) <= UInt64(bytes.count) - offset else {
                    throw StorageError.readOutOfRange(
                        recording, offset: offset, count: buffer.count, available: UInt64(bytes.count))
                }
                let start = Int(offset)
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + buffer.count]))
                }
            })
    }

    /// Deletes a blob.
    public func delete(_ recording: RecordingID) throws {
        try faults?.step("blobs.delete")
        _ = blobs.withLock { $0.removeValue(forKey: recording) }
    }

    /// Blobs never finished.
    public func unfinished() throws -> [UnfinishedBlob] {
        blobs.withLock { blobs in
            blobs.filter { !$0.value.isFinished }.map {
                UnfinishedBlob(
                    recordingID: $0.key, byteCount: UInt64($0.value.flushedCount), lastWrittenAt: $0.value.lastWrittenAt
                )
            }
        }
    }

    /// Closes an unfinished blob with its flushed bytes.
    public func closeUnfinished(_ recording: RecordingID) throws {
        try faults?.step("blobs.closeUnfinished")
        blobs.withLock { blobs in
            guard var blob = blobs[recording], !blob.isFinished else { return }
            blob.bytes.removeSubrange(blob.flushedCount...)
            blob.isFinished = true
            blobs[recording] = blob
        }
    }

    /// What a power cut does: every byte not yet flushed is gone.
    public func simulateCrash() {
        blobs.withLock { blobs in
            for (id, var blob) in blobs where !blob.isFinished {
                blob.bytes.removeSubrange(blob.flushedCount...)
                blobs[id] = blob
            }
        }
    }

    /// The recordings with a blob.
    public var recordingIDs: Set<RecordingID> { blobs.withLock { Set($0.keys) } }

    /// A blob's bytes as stored (for tamper tests).
    public func bytes(of recording: RecordingID) -> [UInt8]? { blobs.withLock { $0[recording]?.bytes } }

    /// Replaces a blob's bytes (for tamper tests).
    public func replaceBytes(of recording: RecordingID, with bytes: [UInt8]) {
        blobs.withLock { blobs in
            blobs[recording]?.bytes = bytes
            blobs[recording]?.flushedCount = bytes.count
        }
    }

    fileprivate func update(_ recording: RecordingID, _ body: (inout Blob) throws -> Void) throws {
        let now = clock.now
        try blobs.withLock { blobs in
            guard var blob = blobs[recording] else { throw StorageError.blobMissing(recording) }
            guard !blob.isFinished else { throw StorageError.blobFinished(recording) }
            try body(&blob)
            blob.lastWrittenAt = now
            blobs[recording] = blob
        }
    }

    final class Writer: BlobWriter {
        let store: InMemoryBlobStore
        let recording: RecordingID

        init(store: InMemoryBlobStore, recording: RecordingID) {
            self.store = store
            self.recording = recording
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws {
            try store.update(recording) { $0.bytes.append(contentsOf: bytes) }
        }

        func flush() throws {
            try store.update(recording) { $0.flushedCount = $0.bytes.count }
        }

        func finish() throws {
            try store.update(recording) {
                $0.flushedCount = $0.bytes.count
                $0.isFinished = true
            }
        }
    }
}
