import CallVault
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import GRDB
import Testing

/// The SQLite vault's stores keep every guarantee of their seams: the test kit's conformance suites,
/// one test case per guarantee, each on a new vault (a new folder and database).
@Suite("Storage conformance: SQLite vault")
struct SQLiteConformanceTests {
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

/// The stores that sign and verify (as a vault folder opens them) keep every guarantee of their
/// seams too.
@Suite("Storage conformance: SQLite vault, signing stores")
struct SQLiteSigningConformanceTests {
    @Test("SQLiteRecordingCatalog, signing", arguments: StoreConformance.recordingCatalogGuarantees)
    func recordingCatalog(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let key = try SigningKey.generate()
        try await StoreConformance.checkRecordingCatalog(guarantee) {
            SQLiteRecordingCatalog(database: try scratch.freshVault().database, signingKey: key)
        }
    }

    @Test("SQLiteRetentionStore, signing", arguments: StoreConformance.retentionStoreGuarantees)
    func retentionStore(_ guarantee: String) async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let key = try SigningKey.generate()
        try await StoreConformance.checkRetentionStore(guarantee) {
            let database = try scratch.freshVault().database
            // The audit history that every stored placement and release would have: the
            // signatures are what is exercised here.
            return SQLiteRetentionStore(
                database: database, holdAudit: StoredHoldHistory(database: database), signingKey: key)
        }
    }
}

/// An audit history of holds read from the stored rows themselves (as if every placement and
/// release had been audited).
struct StoredHoldHistory: LegalHoldAuditSource {
    let database: SQLiteVaultDatabase

    func legalHoldHistory() async throws -> LegalHoldAuditHistory {
        let holds = try await database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT hold FROM legal_hold").map {
                try JSONDecoder().decode(LegalHold.self, from: Data($0.utf8))
            }
        }
        return LegalHoldAuditHistory(
            placed: Set(holds.map(\.id)), released: Set(holds.filter { !$0.isActive }.map(\.id)))
    }
}
