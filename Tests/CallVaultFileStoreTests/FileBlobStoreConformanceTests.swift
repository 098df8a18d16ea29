import CallVault
import CallVaultCore
import CallVaultFileStore
import CallVaultTestKit
import Foundation
import Testing

/// The file blob store keeps every guarantee of the `BlobStore` seam, without a database: the test
/// kit's conformance suite, one test case per guarantee, each on a new folder.
@Suite("Storage conformance: file blob store")
struct FileBlobStoreConformanceTests {
    @Test("FileBlobStore", arguments: StoreConformance.blobStoreGuarantees)
    func blobStore(_ guarantee: String) async throws {
        let scratch = NSTemporaryDirectory() + "callvault-filestore-" + UUID().uuidString.lowercased()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try await StoreConformance.checkBlobStore(guarantee) { try FileBlobStore(directory: scratch + "/blobs") }
    }

    @Test("a store whose folder cannot be made is a FileStoreError naming the folder and the errno")
    func unwritableFolder() throws {
        let scratch = NSTemporaryDirectory() + "callvault-filestore-" + UUID().uuidString.lowercased()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // A regular file where the store's parent folder should be: mkdir under it fails ENOTDIR.
        #expect(FileManager.default.createFile(atPath: scratch, contents: Data([1])))
        let error = try #require(throws: FileStoreError.self) { try FileBlobStore(directory: scratch + "/blobs") }
        #expect(error.path == scratch + "/blobs")
        #expect(error.errorNumber == ENOTDIR)
        #expect(error.description.contains(scratch))
    }
}
