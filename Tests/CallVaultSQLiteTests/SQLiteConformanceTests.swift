import CallVault
import CallVaultSQLite
import CallVaultTestKit
import Testing

/// The SQLite vault's stores keep every guarantee of their seams: the test kit's conformance suites,
/// one test case per guarantee, each on a new vault (a new folder and database).
@Suite("Storage conformance: SQLite vault")
struct SQLiteConformanceTests {
    @Test("FileBlobStore", arguments: StoreConformance.blobStoreGuarantees)
    func blobStore(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkBlobStore(guarantee) { try FileBlobStore(directory: scratch.folder()) }
    }

    @Test("SQLiteKeyStore", arguments: StoreConformance.keyStoreGuarantees)
    func keyStore(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkKeyStore(guarantee) { try scratch.freshVault().keys }
    }

    @Test("SQLiteComplaintStore", arguments: StoreConformance.complaintStoreGuarantees)
    func complaintStore(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkComplaintStore(guarantee) { try scratch.freshVault().complaints }
    }

    @Test("SQLiteTrainingRegister", arguments: StoreConformance.trainingRegisterGuarantees)
    func trainingRegister(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkTrainingRegister(guarantee) { try scratch.freshVault().training }
    }

    @Test("SQLiteRecordingCatalog", arguments: StoreConformance.recordingCatalogGuarantees)
    func recordingCatalog(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkRecordingCatalog(guarantee) { try scratch.freshVault().catalog }
    }

    @Test("SQLiteRetentionStore", arguments: StoreConformance.retentionStoreGuarantees)
    func retentionStore(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkRetentionStore(guarantee) { try scratch.freshVault().retention }
    }

    @Test("SQLiteAuditSink", arguments: StoreConformance.auditSinkGuarantees)
    func auditSink(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        try await StoreConformance.checkAuditSink(guarantee) { try scratch.freshVault().auditSink }
    }
}
