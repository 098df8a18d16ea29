public import CallVaultCore
import CallVaultCrypto
public import Foundation

/// Where encrypted recordings live: written a sealed segment at a time while the call goes on,
/// read back by byte range, deleted when retention says so.
///
/// The calls are synchronous and may block: a vault never makes them on a session's actor or the
/// cooperative thread pool, but on its blob writing threads (`BlobWriteQueue`), which append the
/// segments many calls sealed at about the same time and then make them durable together with
/// one ``synchronize(_:)``. A store that needs the network should buffer behind
/// ``BlobWriter/flush()``. Only ciphertext ever reaches a blob store.
public protocol BlobStore: Sendable {
    /// Starts a new blob for `recording`.
    ///
    /// - Throws: ``StorageError/blobExists(_:)`` when the recording already has one.
    func create(_ recording: RecordingID) throws -> any BlobWriter

    /// The bytes of a blob, finished or left open by a crash.
    ///
    /// - Throws: ``StorageError/blobMissing(_:)`` when there is none.
    func source(for recording: RecordingID) throws -> AnyRandomAccessByteSource

    /// Deletes a blob. Idempotent: deleting a missing blob succeeds.
    func delete(_ recording: RecordingID) throws

    /// Blobs created and never finished: what a crash left behind.
    func unfinished() throws -> [UnfinishedBlob]

    /// Closes a blob a crash left open, keeping the bytes already flushed, so it reads as an
    /// incomplete envelope. Idempotent.
    func closeUnfinished(_ recording: RecordingID) throws

    /// Makes everything appended so far to `writers` (writers this store created) durable, as one
    /// round: the segments many calls completed at about the same time share it.
    ///
    /// The default flushes each writer in turn. A store that can make many blobs durable at once
    /// does so (`FileBlobStore`: one `syncfs` of its file system instead of an `fsync` per file).
    ///
    /// - Returns: for each writer, in order, the error that kept its bytes from becoming durable,
    ///   or `nil` when they are durable.
    func synchronize(_ writers: [any BlobWriter]) -> [(any Error)?]
}

extension BlobStore {
    /// Flushes each writer in turn; each result is that writer's ``BlobWriter/flush()`` error.
    public func synchronize(_ writers: [any BlobWriter]) -> [(any Error)?] {
        writers.map { writer in
            do {
                try writer.flush()
                return nil
            } catch {
                return error
            }
        }
    }
}

/// Appends one recording's ciphertext.
public protocol BlobWriter: AnyObject {
    /// Appends bytes (a header or a sealed segment).
    func append(_ bytes: UnsafeRawBufferPointer) throws

    /// Makes everything appended so far durable (a file store calls `fsync`).
    func flush() throws

    /// Makes the blob final and durable, atomically: it is either unfinished or complete, never
    /// half-renamed.
    func finish() throws
}

/// A blob left unfinished by a crash.
public struct UnfinishedBlob: Hashable, Sendable {
    /// The recording.
    public let recordingID: RecordingID
    /// Bytes flushed.
    public let byteCount: UInt64
    /// When it was last written, if the store knows.
    public let lastWrittenAt: Date?

    /// Describes an unfinished blob.
    public init(recordingID: RecordingID, byteCount: UInt64, lastWrittenAt: Date?) {
        self.recordingID = recordingID
        self.byteCount = byteCount
        self.lastWrittenAt = lastWrittenAt
    }
}

/// A blob's bytes: now CallVaultCore's `AnyRandomAccessByteSource`, the one type-erased
/// random-access byte source (its `init(byteCount:read:)` is this type's).
@available(*, deprecated, renamed: "AnyRandomAccessByteSource")
public typealias BlobSource = AnyRandomAccessByteSource

/// Collects what an ``EnvelopeWriter`` writes (a header, a sealed segment, the end marker) so a
/// session can hand the bytes to its `BlobWriteQueue` instead of writing on its actor. A class
/// inside the output, so the session takes the bytes without going through the writer.
final class SealedBytes: EnvelopeOutput {
    private(set) var pending: [UInt8] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        pending.append(contentsOf: bytes)
    }

    /// The bytes written since the last call.
    func take() -> [UInt8] {
        defer { pending = [] }
        return pending
    }
}

/// Lets an ``EnvelopeWriter`` write into a blob.
struct BlobEnvelopeOutput: EnvelopeOutput {
    let blob: any BlobWriter

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try blob.append(bytes)
    }
}
