import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// The test kit's in-memory stores keep every guarantee of their seams: the same suites the SQLite
/// stores (and a vendor's own) run, one test case per guarantee.
@Suite("Storage conformance: in-memory stores")
struct InMemoryConformanceTests {
    @Test("InMemoryBlobStore", arguments: StoreConformance.blobStoreGuarantees)
    func blobStore(_ guarantee: String) async throws {
        try await StoreConformance.checkBlobStore(guarantee) {
            InMemoryBlobStore(clock: ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600)))
        }
    }

    @Test("InMemoryKeyStore", arguments: StoreConformance.keyStoreGuarantees)
    func keyStore(_ guarantee: String) async throws {
        try await StoreConformance.checkKeyStore(guarantee) { InMemoryKeyStore() }
    }

    @Test("InMemoryRecordingCatalog", arguments: StoreConformance.recordingCatalogGuarantees)
    func recordingCatalog(_ guarantee: String) async throws {
        try await StoreConformance.checkRecordingCatalog(guarantee) { InMemoryRecordingCatalog() }
    }

    @Test("InMemoryRetentionStore", arguments: StoreConformance.retentionStoreGuarantees)
    func retentionStore(_ guarantee: String) async throws {
        try await StoreConformance.checkRetentionStore(guarantee) { InMemoryRetentionStore() }
    }

    @Test("InMemoryAuditSink", arguments: StoreConformance.auditSinkGuarantees)
    func auditSink(_ guarantee: String) async throws {
        try await StoreConformance.checkAuditSink(guarantee) { InMemoryAuditSink() }
    }

    @Test("InMemoryComplaintStore", arguments: StoreConformance.complaintStoreGuarantees)
    func complaintStore(_ guarantee: String) async throws {
        try await StoreConformance.checkComplaintStore(guarantee) { InMemoryComplaintStore() }
    }

    @Test("InMemoryTrainingRegister", arguments: StoreConformance.trainingRegisterGuarantees)
    func trainingRegister(_ guarantee: String) async throws {
        try await StoreConformance.checkTrainingRegister(guarantee) { InMemoryTrainingRegister() }
    }

    @Test("the whole suites run in one call too, and an unknown guarantee name is reported")
    func wholeSuites() async throws {
        try await StoreConformance.checkKeyStore { InMemoryKeyStore() }
        try await StoreConformance.checkAuditSink { InMemoryAuditSink() }
        await #expect(throws: ConformanceFailure.self) {
            try await StoreConformance.checkKeyStore("no such guarantee") { InMemoryKeyStore() }
        }
    }

    @Test("a store that breaks a guarantee fails with the seam, the guarantee and what it did")
    func brokenStoreIsCaught() async throws {
        let failure = await #expect(throws: ConformanceFailure.self) {
            try await StoreConformance.checkKeyStore { ForgetfulKeyStore() }
        }
        #expect(failure?.seam == "KeyStore")
        #expect(failure?.guarantee == "a shredded recording never gets keys again")
        #expect(failure?.detail.contains("but it succeeded") == true)
    }
}

/// A key store that forgets what it shredded: the suite must catch it.
private struct ForgetfulKeyStore: KeyStore {
    let inner = InMemoryKeyStore()

    func store(_ wraps: [WrappedDataKey], for recording: RecordingID) async throws {
        // Wrong on purpose: a store for a shredded recording is dropped silently instead of refused.
        guard !inner.isShredded(recording) else { return }
        try await inner.store(wraps, for: recording)
    }

    func wraps(for recording: RecordingID) async throws -> [WrappedDataKey] { try await inner.wraps(for: recording) }

    func shred(_ recording: RecordingID) async throws { try await inner.shred(recording) }
}
