import CallVault
import CallVaultCapture
import CallVaultCore
import CallVaultFileStore
import CallVaultSQLite
import Foundation
import Testing

/// Issue 13's outside review (finding 1): the stores a vault folder hands out without the
/// passphrase (`VaultFolder.stores()`) only read. A held recording's blob cannot be deleted through
/// them, nor a blob started, and nothing reaches the audit log or the disk; the recording still
/// plays.
@Suite("VaultFolder.stores() only reads")
struct ReadOnlyStoresTests {
    @Test("deleting, creating and closing blobs through stores() is refused; the held recording still plays")
    func blobChangesRefused() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let placed = try fixture.run(
            "hold", "place", "--matter", "M-1", "--reason", "dispute", "--recording", id.description, "--by",
            "legal.alice")
        #expect(placed.status == ExitStatus.success, "\(placed)")
        let auditLog = try Data(contentsOf: fixture.folder.auditLogFile)

        let stores = try fixture.folder.stores()
        #expect(stores.blobs.isReadOnly)
        let blobPath = stores.blobs.path(for: id)
        let finished = try Data(contentsOf: URL(fileURLWithPath: blobPath))

        #expect {
            try stores.blobs.delete(id)
        } throws: { error in
            (error as? StorageError)?.refusedChange == .delete && "\(error)".contains("retention sweep")
        }
        let other = RecordingID()
        #expect {
            _ = try stores.blobs.create(other)
        } throws: { error in
            (error as? StorageError)?.refusedChange == .create && "\(error)".contains("VaultFolder.open")
        }
        #expect {
            try stores.blobs.closeUnfinished(id)
        } throws: { error in
            (error as? StorageError)?.code == .readOnly
        }
        // The database under the same stores refuses writes too, with CallVault's error (the second
        // review found SQLite's bare "attempt to write a readonly database"): the keys, the catalog
        // row and the retention record stay.
        func refusedAsReadOnly(_ error: any Error) -> Bool {
            (error as? StorageError)?.code == .readOnly && "\(error)".contains("VaultFolder.open")
        }
        await #expect { try await stores.keys.shred(id) } throws: { refusedAsReadOnly($0) }
        #expect(try await !stores.keys.wraps(for: id).isEmpty)
        let entry = try #require(try await stores.catalog.recording(id))
        await #expect { try await stores.catalog.save(entry) } throws: { refusedAsReadOnly($0) }
        let retention = try #require(try await stores.retention.record(id))
        await #expect { try await stores.retention.save([retention]) } throws: { refusedAsReadOnly($0) }

        #expect(try Data(contentsOf: URL(fileURLWithPath: blobPath)) == finished)
        #expect(!FileManager.default.fileExists(atPath: stores.blobs.partialPath(for: other)))
        #expect(!FileManager.default.fileExists(atPath: stores.blobs.folder(for: other)))
        #expect(try Data(contentsOf: fixture.folder.auditLogFile) == auditLog)

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let played = try fixture.run(
            "play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(played.status == ExitStatus.success, "\(played)")
        let reader = try WAVReader(path: fixture.workspace.path("call.wav"))
        #expect(reader.frameCount > 0)
        #expect(try fixture.run("verify").status == ExitStatus.success)
    }

    @Test("a store made for writing still writes; one made for reading refuses before touching the disk")
    func modes() throws {
        let workspace = try Workspace()
        let directory = workspace.path("blobs")
        let reading = FileBlobStore(readingFrom: directory)
        #expect(reading.isReadOnly)
        let refused = RecordingID()
        #expect(throws: StorageError.readOnly(refused, change: .create)) { _ = try reading.create(refused) }
        #expect(throws: StorageError.readOnly(refused, change: .delete)) { try reading.delete(refused) }
        #expect(!FileManager.default.fileExists(atPath: directory))
        let writing = try FileBlobStore(directory: directory)
        #expect(!writing.isReadOnly)
        let id = RecordingID()
        try writing.create(id).finish()
        #expect(try writing.source(for: id).byteCount() == 0)
    }
}
