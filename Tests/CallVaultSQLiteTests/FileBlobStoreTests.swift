import CallVault
import CallVaultCore
import CallVaultSQLite
import Foundation
import Testing

/// What only real files show: a blob left open by a dead process is found after a restart with
/// its flushed bytes, the folders spread the files, and nothing is readable by other users.
@Suite("SQLite vault: blob files")
struct FileBlobStoreTests {
    @Test("a blob whose writer was dropped (a crash) is listed after reopening and reads back its flushed bytes")
    func unfinishedAfterReopening() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("blobs")
        let id = RecordingID()
        let flushed = (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let startedAt = Date().addingTimeInterval(-5)
        do {
            let writer = try FileBlobStore(directory: folder).create(id)
            try flushed.withUnsafeBytes { try writer.append($0) }
            try writer.flush()
            // The process dies here: the writer is dropped, never finished.
        }

        let reopened = try FileBlobStore(directory: folder)
        let unfinished = try reopened.unfinished()
        #expect(unfinished.map(\.recordingID) == [id])
        #expect(unfinished.first?.byteCount == UInt64(flushed.count))
        let lastWrite = try #require(unfinished.first?.lastWrittenAt)
        #expect(lastWrite >= startedAt && lastWrite <= Date().addingTimeInterval(5), "the file's modification time")
        var bytes = [UInt8](repeating: 0, count: flushed.count)
        try bytes.withUnsafeMutableBytes { try reopened.source(for: id).read(into: $0, at: 0) }
        #expect(bytes == flushed)

        try reopened.closeUnfinished(id)
        #expect(FileManager.default.fileExists(atPath: reopened.path(for: id)))
        #expect(!FileManager.default.fileExists(atPath: reopened.partialPath(for: id)))
        #expect(try reopened.unfinished().isEmpty)
    }

    @Test("blobs live at blobs/ab/cd/<id>.cvr by the id's first two bytes, spread over many folders")
    func layoutSpreadsFiles() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let ids = (0..<64).map { _ in RecordingID() }
        for id in ids { try vault.blobs.create(id).finish() }
        let root = vault.directory.path + "/blobs"
        #expect(vault.blobs.directory == root)
        for id in ids {
            let hex = id.bytes.prefix(2).map { String(format: "%02x", $0) }
            #expect(vault.blobs.path(for: id) == "\(root)/\(hex[0])/\(hex[1])/\(id).cvr")
            #expect(FileManager.default.fileExists(atPath: vault.blobs.path(for: id)))
        }
        let firstLevel = try FileManager.default.contentsOfDirectory(atPath: root)
        // 64 random ids over 256 first-level folders: about 57 distinct; 16 is far below chance.
        #expect(firstLevel.count >= 16, "\(firstLevel.count) folders")
        #expect(firstLevel.allSatisfy { $0.count == 2 })
    }

    @Test("the vault folder, blob folders and blob files are private to the vault's user")
    func permissions() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let id = RecordingID()
        let writer = try vault.blobs.create(id)
        let partialMode = try mode(vault.blobs.partialPath(for: id))
        try writer.finish()
        #expect(try mode(vault.directory.path) == 0o700)
        #expect(try mode(vault.blobs.directory) == 0o700)
        #expect(try mode(vault.blobs.folder(for: id)) == 0o700)
        #expect(partialMode == 0o600)
        #expect(try mode(vault.blobs.path(for: id)) == 0o600)
    }

    @Test("files in the blob folder that are not blobs are left out of unfinished()")
    func foreignFilesIgnored() throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let store = try FileBlobStore(directory: scratch.folder("blobs"))
        let id = RecordingID()
        _ = try store.create(id)
        let folder = store.folder(for: id)
        #expect(FileManager.default.createFile(atPath: "\(folder)/notes.txt.cvr.partial", contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: "\(store.directory)/README", contents: Data([1])))
        let misplaced = RecordingID()
        #expect(FileManager.default.createFile(atPath: "\(folder)/\(misplaced).cvr.partial", contents: Data([1])))
        let expected = store.folder(for: misplaced) == folder ? [id, misplaced].sorted() : [id]
        #expect(try store.unfinished().map(\.recordingID) == expected)
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }
}
