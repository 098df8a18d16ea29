public import CallVault
public import CallVaultCore
import CallVaultSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Encrypted recordings as files: `<directory>/ab/cd/<recording id>.cvr`, where `ab` and `cd` are
/// the first two bytes of the recording id in hexadecimal.
///
/// Recording ids are random UUIDs, so their first two bytes spread a vault over 65,536 folders
/// evenly: a million recordings make about fifteen files a folder, and no directory grows so large
/// that listing, backing up or looking up in it slows down.
///
/// Durability, step by step:
/// - a new blob is written as `<id>.cvr.partial`; its folder is synced when the file is created,
///   so a crash at any later point leaves an unfinished blob that ``unfinished()`` reports;
/// - `BlobWriter.flush()` is an `fsync` of the file: every segment flushed survives a power cut;
/// - `BlobWriter.finish()` syncs the file, renames it to `<id>.cvr` and syncs the folder: the
///   rename is atomic, so a blob is either unfinished or complete, never half of each;
/// - reads use `pread`, so any number of readers share nothing but the file.
///
/// Deleting removes the file; it does not overwrite it. Blobs are ciphertext, and a recording is
/// destroyed by shredding its wrapped keys (on SSDs and copy-on-write file systems an overwrite
/// would not reach the old blocks anyway).
///
/// A store made with ``init(readingFrom:)`` (what a vault folder's `stores()` hands out) only
/// reads: creating, deleting and closing blobs throw `StorageError.readOnly`, so nothing reached
/// without the passphrase can change a recording outside the audited operations.
public struct FileBlobStore: BlobStore {
    /// The folder holding the blobs.
    public let directory: String
    /// Whether the store refuses every change (``init(readingFrom:)``).
    public let isReadOnly: Bool
    /// The store's folder, open for `syncfs` once the first round needs it.
    private let fileSystemHandle = LockedState<SystemFile?>(nil)

    /// A store over `directory`, created with its missing parents (mode 0700) if it does not exist.
    ///
    /// - Throws: ``FileStoreError`` when it cannot be created.
    public init(directory: String) throws {
        self.directory = directory
        self.isReadOnly = false
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty,
            try FileStoreError.reporting({ () throws(SystemCallError) in try FileSystem.status(parent) })
                == nil
        {
            do {
                try FileManager.default.createDirectory(
                    atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw FileStoreError(operation: "create the folder", path: parent, reason: "\(error)")
            }
        }
        try FileStoreError.reporting { () throws(SystemCallError) in
            if try FileSystem.makeDirectory(directory) {
                try FileSystem.synchronizeDirectory(parent.isEmpty ? "." : parent)
            }
        }
    }

    /// A store over `directory` that only reads: it creates no folder, and ``create(_:)``,
    /// ``delete(_:)`` and ``closeUnfinished(_:)`` throw `StorageError.readOnly` naming the audited
    /// operation to use instead.
    public init(readingFrom directory: String) {
        self.directory = directory
        self.isReadOnly = true
    }

    /// Throws `StorageError.readOnly` for `change` when the store only reads.
    private func refuseIfReadOnly(_ change: ReadOnlyChange, _ recording: RecordingID) throws {
        if isReadOnly { throw StorageError.readOnly(recording, change: change) }
    }

    /// The folder of a recording's blob: the first two bytes of its id, in hexadecimal.
    public func folder(for recording: RecordingID) -> String {
        let text = recording.description
        let first = text.prefix(2)
        let second = text.dropFirst(2).prefix(2)
        return "\(directory)/\(first)/\(second)"
    }

    /// The path of a recording's finished blob.
    public func path(for recording: RecordingID) -> String {
        "\(folder(for: recording))/\(recording).cvr"
    }

    /// The path of a recording's blob while it is being written.
    public func partialPath(for recording: RecordingID) -> String {
        path(for: recording) + Self.partialSuffix
    }

    static let partialSuffix = ".partial"

    /// Starts a blob as `<id>.cvr.partial`, and makes its name durable.
    ///
    /// - Throws: `StorageError.blobExists` when the recording has a blob, finished or not;
    ///   `StorageError.readOnly` from a store that only reads.
    public func create(_ recording: RecordingID) throws -> any BlobWriter {
        try refuseIfReadOnly(.create, recording)
        let folder = folder(for: recording)
        try makeFolders(folder)
        let final = path(for: recording)
        guard try FileStoreError.reporting({ () throws(SystemCallError) in try FileSystem.status(final) }) == nil else {
            throw StorageError.blobExists(recording)
        }
        let partial = partialPath(for: recording)
        // O_EXCL: of two sessions racing for one id, exactly one creates the file.
        let file: SystemFile
        do {
            file = try SystemFile.create(partial, appending: true)
        } catch {
            if error.errorNumber == EEXIST { throw StorageError.blobExists(recording) }
            throw FileStoreError(error)
        }
        let writer = FileBlobWriter(
            recording: recording, file: file, partialPath: partial, finalPath: final, folder: folder)
        try FileStoreError.reporting { () throws(SystemCallError) in try FileSystem.synchronizeDirectory(folder) }
        return writer
    }

    /// The bytes of a blob, finished or left unfinished by a crash.
    ///
    /// - Throws: `StorageError.blobMissing` when there is none.
    public func source(for recording: RecordingID) throws -> AnyRandomAccessByteSource {
        // Final first, then partial, then final again: a blob finished between the two looks is
        // found under its new name.
        var opened: SystemFile?
        for candidate in [path(for: recording), partialPath(for: recording), path(for: recording)] {
            do {
                opened = try SystemFile.openForReading(candidate)
                break
            } catch {
                guard error.errorNumber == ENOENT else { throw FileStoreError(error) }
            }
        }
        guard let file = opened else { throw StorageError.blobMissing(recording) }
        let size = { @Sendable () throws(FileStoreError) -> UInt64 in
            try FileStoreError.reporting { () throws(SystemCallError) in try file.size() }
        }
        return AnyRandomAccessByteSource(
            byteCount: { try size() },
            read: { buffer, offset in
                let available = try size()
                guard offset <= available, UInt64(buffer.count) <= available - offset else {
                    throw StorageError.readOutOfRange(
                        recording, offset: offset, count: buffer.count, available: available)
                }
                let read = try FileStoreError.reporting { () throws(SystemCallError) in
                    try file.readAvailable(into: buffer, at: offset)
                }
                guard read == buffer.count else {
                    // The file shrank under the read: report what is there now.
                    throw StorageError.readOutOfRange(
                        recording, offset: offset, count: buffer.count, available: try size())
                }
            })
    }

    /// Deletes a blob, finished or not. Idempotent.
    ///
    /// - Throws: `StorageError.readOnly` from a store that only reads; ``FileStoreError``.
    public func delete(_ recording: RecordingID) throws {
        try refuseIfReadOnly(.delete, recording)
        try FileStoreError.reporting { () throws(SystemCallError) in
            _ = try FileSystem.removeFile(path(for: recording))
            _ = try FileSystem.removeFile(partialPath(for: recording))
        }
        // No fsync of the folder: the recording was destroyed when its keys were shredded (keys
        // first, always), so a file a power cut brings back is ciphertext nobody can open; the
        // sweep's rate is not spent making its removal durable.
    }

    /// Blobs created and never finished, by recording id, with their size and last write time.
    ///
    /// Files in the store's folder that are not named like blobs are not the store's, and are
    /// left out.
    public func unfinished() throws -> [UnfinishedBlob] {
        var found: [UnfinishedBlob] = []
        for first in try entries(of: directory) where Self.isHexByte(first) {
            for second in try entries(of: "\(directory)/\(first)") where Self.isHexByte(second) {
                let folder = "\(directory)/\(first)/\(second)"
                for name in try entries(of: folder) where name.hasSuffix(".cvr" + Self.partialSuffix) {
                    let idText = String(name.dropLast(".cvr".count + Self.partialSuffix.count))
                    guard let id = RecordingID(parsing: idText), id.description == idText,
                        self.folder(for: id) == folder
                    else { continue }
                    // Finished (or deleted) since it was listed: no longer unfinished.
                    let path = "\(folder)/\(name)"
                    guard
                        let status = try FileStoreError.reporting({ () throws(SystemCallError) in
                            try FileSystem.status(path)
                        })
                    else { continue }
                    found.append(
                        UnfinishedBlob(
                            recordingID: id, byteCount: status.size,
                            lastWrittenAt: Date(timeIntervalSince1970: status.modifiedSecondsSince1970)))
                }
            }
        }
        return found.sorted { $0.recordingID < $1.recordingID }
    }

    /// Finishes a blob a crash left open, with the bytes it holds: syncs it, renames it to its
    /// final name and syncs the folder. Idempotent; a recording without an unfinished blob is left
    /// as it is.
    ///
    /// - Throws: `StorageError.readOnly` from a store that only reads; ``FileStoreError``.
    public func closeUnfinished(_ recording: RecordingID) throws {
        try refuseIfReadOnly(.closeUnfinished, recording)
        let partial = partialPath(for: recording)
        let file: SystemFile
        do {
            file = try SystemFile.openForReading(partial)
        } catch {
            if error.errorNumber == ENOENT { return }
            throw FileStoreError(error)
        }
        try FileStoreError.reporting { () throws(SystemCallError) in try file.synchronize() }
        try FileBlobWriter.rename(partial, to: path(for: recording), recording: recording)
        try FileStoreError.reporting { () throws(SystemCallError) in
            try FileSystem.synchronizeDirectory(folder(for: recording))
        }
    }

    /// Makes everything appended to `writers` durable in one round: one `syncfs` of the store's
    /// file system for several blobs (Linux), an `fsync` for a single one. Where `syncfs` is
    /// missing or fails, each blob is synchronized on its own, so a failure is reported for the
    /// blobs it concerns (each file's `fsync` reports its own write-back error).
    ///
    /// `syncfs` writes back everything dirty on the file system, other programs' files too: on a
    /// recording server the blobs are nearly all of it; elsewhere put the store on a file system
    /// of its own.
    public func synchronize(_ writers: [any BlobWriter]) -> [(any Error)?] {
        if writers.count > 1, synchronizeFileSystem() {
            // Writers of another store (a wrapper's) are synchronized on their own.
            return writers.map { writer in
                guard let file = writer as? FileBlobWriter else { return Self.flushing(writer) }
                return file.isFinished ? StorageError.blobFinished(file.recording) : nil
            }
        }
        return writers.map(Self.flushing)
    }

    private static func flushing(_ writer: any BlobWriter) -> (any Error)? {
        do {
            try writer.flush()
            return nil
        } catch {
            return error
        }
    }

    /// `syncfs` of the store's file system; false when it is unavailable or failed (the caller
    /// then synchronizes each blob, which reports each failure where it belongs).
    private func synchronizeFileSystem() -> Bool {
        do throws(SystemCallError) {
            // One descriptor for the store's life: `syncfs` reports the write-back errors seen
            // since its descriptor was opened, so a fresh one each round could miss an error the
            // kernel's background write-back met between rounds.
            let folder = try fileSystemHandle.withLock { handle throws(SystemCallError) -> SystemFile in
                if let handle { return handle }
                let opened = try SystemFile.open(directory, flags: O_RDONLY | O_DIRECTORY)
                handle = opened
                return opened
            }
            try folder.synchronizeFileSystem()
            return true
        } catch {
            return false
        }
    }

    /// Creates `<directory>/ab` and `<directory>/ab/cd` as needed, syncing each parent that gained
    /// a folder so the path survives a power cut together with the blob in it.
    private func makeFolders(_ folder: String) throws {
        let parent = (folder as NSString).deletingLastPathComponent
        try FileStoreError.reporting { () throws(SystemCallError) in
            if try FileSystem.makeDirectory(parent) { try FileSystem.synchronizeDirectory(directory) }
            if try FileSystem.makeDirectory(folder) { try FileSystem.synchronizeDirectory(parent) }
        }
    }

    private func entries(of folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw FileStoreError(operation: "list the folder", path: folder, reason: "\(error)")
        }
    }

    private static func isHexByte(_ name: String) -> Bool {
        name.utf8.count == 2 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// Appends to one `.partial` file; finishing renames it. Dropping a writer without finishing it
/// (what a crash does) closes the file and leaves it unfinished.
final class FileBlobWriter: BlobWriter {
    let recording: RecordingID
    private let partialPath: String
    private let finalPath: String
    private let folder: String
    /// The open file; `nil` once finished (releasing it closes the file).
    private var file: SystemFile?

    /// Whether ``finish()`` ran (the file is closed and renamed).
    var isFinished: Bool { file == nil }

    init(recording: RecordingID, file: SystemFile, partialPath: String, finalPath: String, folder: String) {
        self.recording = recording
        self.file = file
        self.partialPath = partialPath
        self.finalPath = finalPath
        self.folder = folder
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard let file else { throw StorageError.blobFinished(recording) }
        try FileStoreError.reporting { () throws(SystemCallError) in try file.append(bytes) }
    }

    func flush() throws {
        guard let file else { throw StorageError.blobFinished(recording) }
        try FileStoreError.reporting { () throws(SystemCallError) in try file.synchronize() }
    }

    func finish() throws {
        guard let file else { throw StorageError.blobFinished(recording) }
        try FileStoreError.reporting { () throws(SystemCallError) in try file.synchronize() }
        self.file = nil
        try Self.rename(partialPath, to: finalPath, recording: recording)
        try FileStoreError.reporting { () throws(SystemCallError) in try FileSystem.synchronizeDirectory(folder) }
    }

    static func rename(_ partial: String, to final: String, recording: RecordingID) throws {
        do {
            try FileSystem.rename(partial, to: final)
        } catch {
            if error.errorNumber == ENOENT { throw StorageError.blobMissing(recording) }
            throw FileStoreError(error)
        }
    }
}
