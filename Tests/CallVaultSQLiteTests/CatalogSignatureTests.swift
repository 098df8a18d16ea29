import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import GRDB
import Testing

@testable import CallVaultSQLite

/// Catalog signatures on the SQLite stores themselves: a signing catalog refuses what does not
/// verify, legacy rows are adopted once (and an interrupted adoption finished only for the same
/// rows), and an unsigned row after the adoption is never signed again.
@Suite("SQLite catalog: signatures and legacy rows")
struct CatalogSignatureTests {
    @Test("legacy rows are refused until adopted; the adoption signs them once and is audited once")
    func legacyAdoption() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let recording = try await Self.record(world)
        let signing = world.stores.verifying(
            signingKey: world.auditKey, holdAudit: AuditLogRetentionSink(log: world.vault.audit))
        let key = world.auditKey.verifyingKey

        #expect(try await signing.catalog.entry(recording.id, verifyingKey: key)?.integrity == .unsigned)
        await #expect(throws: CatalogIntegrityError.self) { try await signing.catalog.recording(recording.id) }
        #expect(
            try await CatalogSignatureAdoption.unsignedRowsAreLegacy(
                world.stores.database, verifyingKey: key, trail: world.stores.auditSink))
        await #expect(throws: CatalogIntegrityError.self) { try await signing.retention.record(recording.id) }

        let adopted = try await CatalogSignatureAdoption.adopt(
            stores: signing, audit: world.vault.audit, trail: world.stores.auditSink)
        #expect(adopted.signed == 1 && adopted.refused.isEmpty, "\(adopted)")
        #expect(adopted.signedRecords == 1 && adopted.refusedRecords.isEmpty, "the retention record: \(adopted)")
        #expect(try await signing.retention.record(recording.id) != nil)
        #expect(try await signing.catalog.recording(recording.id) == recording)
        #expect(try await signing.catalog.entry(recording.id, verifyingKey: key)?.integrity.isVerified == true)

        // Adopting again records nothing more and signs nothing.
        let again = try await CatalogSignatureAdoption.adopt(
            stores: signing, audit: world.vault.audit, trail: world.stores.auditSink)
        #expect(again.signed == 0 && again.refused.isEmpty && again.signedRecords == 0, "\(again)")
        let adoptions = try await world.stores.auditSink.entries(about: CatalogSignatureAdoption.target)
        #expect(adoptions.count == 1 && adoptions[0].record.eventID == CatalogSignatureAdoption.eventID)
        #expect(try await world.verifiedAudit().isIntact)
    }

    @Test("after the adoption, a row whose signature is removed stays refused: opening again does not sign it")
    func strippedAfterAdoption() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let signing = world.stores.verifying(
            signingKey: world.auditKey, holdAudit: AuditLogRetentionSink(log: world.vault.audit))
        _ = try await CatalogSignatureAdoption.adopt(
            stores: signing, audit: world.vault.audit, trail: world.stores.auditSink)
        let recording = try await Self.record(world, stores: signing)
        #expect(try await signing.catalog.recording(recording.id) == recording)

        try await world.stores.database.pool.write { db in
            try db.execute(
                sql: "UPDATE recording SET team = 'team-z', row_signature = NULL WHERE id = ?",
                arguments: [recording.id.description])
        }
        let outcome = try await CatalogSignatureAdoption.adopt(
            stores: signing, audit: world.vault.audit, trail: world.stores.auditSink)
        #expect(outcome.signed == 0 && outcome.refused == [recording.id], "\(outcome)")
        await #expect(throws: CatalogIntegrityError.self) { try await signing.catalog.recording(recording.id) }
        #expect(
            try await !CatalogSignatureAdoption.unsignedRowsAreLegacy(
                world.stores.database, verifyingKey: world.auditKey.verifyingKey, trail: world.stores.auditSink))
    }

    @Test("an adoption cut short after its audit entry is finished next time, but only for the same, unchanged rows")
    func interruptedAdoption() async throws {
        for changedMeanwhile in [false, true] {
            let scratch = ScratchFolder()
            defer { scratch.remove() }
            let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
            let first = try await Self.record(world)
            let second = try await Self.record(world)
            let signing = world.stores.verifying(
                signingKey: world.auditKey, holdAudit: AuditLogRetentionSink(log: world.vault.audit))
            // The crash: the adoption's entry is in the log, the rows were never signed.
            let unsigned = try await CatalogSignatureAdoption.unsignedRows(
                world.stores.database, verifyingKey: world.auditKey.verifyingKey)
            try await world.vault.audit.record(
                try CatalogSignatureAdoption.adoptionRecord(
                    rows: unsigned.count, digest: try CatalogSignatureAdoption.rowsDigest(unsigned)))
            if changedMeanwhile {
                try await world.stores.database.pool.write { db in
                    try db.execute(
                        sql: "UPDATE recording SET team = 'team-z' WHERE id = ?", arguments: [second.id.description])
                }
            }
            let outcome = try await CatalogSignatureAdoption.adopt(
                stores: signing, audit: world.vault.audit, trail: world.stores.auditSink)
            if changedMeanwhile {
                #expect(outcome.signed == 0 && Set(outcome.refused) == [first.id, second.id], "\(outcome)")
                #expect(outcome.signedRecords == 0 && outcome.refusedRecords.count == 2, "\(outcome)")
                await #expect(throws: CatalogIntegrityError.self) { try await signing.catalog.recording(first.id) }
            } else {
                #expect(outcome.signed == 2 && outcome.refused.isEmpty && outcome.signedRecords == 2, "\(outcome)")
                #expect(try await signing.catalog.recording(second.id) == second)
            }
        }
    }

    @Test("a signing catalog signs every save with a new version; a plain catalog's rows read back as unsigned")
    func versions() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let stores = world.stores.verifying(
            signingKey: world.auditKey, holdAudit: AuditLogRetentionSink(log: world.vault.audit))
        let signing = stores.catalog
        var recording = try await Self.record(world, stores: stores)
        let key = world.auditKey.verifyingKey
        let before = try #require(try await signing.entry(recording.id, verifyingKey: key))
        recording.tags.insert("reviewed")
        try await signing.save(recording)
        let after = try #require(try await signing.entry(recording.id, verifyingKey: key))
        guard case .verified(let old) = before.integrity, case .verified(let new) = after.integrity else {
            Issue.record("not verified: \(before.integrity), \(after.integrity)")
            return
        }
        #expect(new == old + 1)
        // Signed by another key: not verified.
        let other = try SigningKey.generate().verifyingKey
        #expect(try await signing.entry(recording.id, verifyingKey: other)?.integrity.isVerified == false)
    }

    /// Records one consented three-second call through `stores` (the world's own by default).
    static func record(_ world: SQLiteVaultWorld, stores: SQLiteVault? = nil) async throws -> RecordingEntry {
        var vault = world.vault
        if let stores {
            vault = Vault(
                storage: stores.storage,
                audit: world.vault.audit, clock: world.clock,
                settings: world.vault.settings)
        }
        let control = RecordingCallControl()
        let session = try await vault.startRecording(
            try SQLiteVaultWorld.call([("customer", .customer, "US-TX"), ("agent", .agent, "US-TX")]),
            control: control)
        try await SQLiteVaultWorld.playAnnouncements(control, on: session)
        var position: Int64 = 0
        try await world.feed(session, seconds: 3, from: &position)
        return try await session.callEnded()
    }
}

/// A catalog row rolled back to an earlier, validly signed version of itself, caught by what the
/// audit log says happened since.
@Suite("SQLite catalog: rolled-back rows against the audit log")
struct CatalogRollbackTests {
    @Test("a row put back to its version from while the call was recording is contradicted by the log's seal")
    func rolledBackToRecording() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let world = try await SQLiteVaultWorld(folder: scratch.folder("vault"))
        let stores = world.stores.verifying(
            signingKey: world.auditKey, holdAudit: AuditLogRetentionSink(log: world.vault.audit))
        let vault = Vault(
            storage: stores.storage, audit: world.vault.audit, clock: world.clock,
            settings: world.vault.settings)
        let control = RecordingCallControl()
        let configuration = try SQLiteVaultWorld.call([("customer", .customer, "US-TX"), ("agent", .agent, "US-TX")])
        let session = try await vault.startRecording(configuration, control: control)
        try await SQLiteVaultWorld.playAnnouncements(control, on: session)
        var position: Int64 = 0
        try await world.feed(session, seconds: 1, from: &position)
        let id = configuration.recordingID
        // The row as it stands while the call is recording, column by column.
        let whileRecording = try await stores.database.pool.read { db -> [String: DatabaseValue] in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM recording WHERE id = ?", arguments: [id.description])
            else { return [:] }
            var values: [String: DatabaseValue] = [:]
            for column in row.columnNames { values[column] = row[column] as DatabaseValue }
            return values
        }
        #expect(!whileRecording.isEmpty)
        #expect(try await stores.catalog.recording(id)?.state == .recording)
        _ = try await session.callEnded()

        try await stores.database.pool.write { db in
            let columns = whileRecording.keys.sorted()
            try db.execute(
                sql: """
                    UPDATE recording SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
                    """,
                arguments: StatementArguments(
                    columns.map { whileRecording[$0] ?? .null } + [id.description.databaseValue]))
        }
        let entry = try #require(try await stores.catalog.entry(id, verifyingKey: world.auditKey.verifyingKey))
        #expect(entry.integrity.isVerified, "an older version of the row, validly signed")
        let problems = try await VaultIntegrityCheck.problems(
            of: entry, legacy: false, history: try await world.stores.auditSink.entries(about: AuditRecord.target(id)),
            stores: stores, verifyingKey: world.auditKey.verifyingKey)
        #expect(problems.map(\.kind) == [.stateContradicted], "\(problems)")

        // A host's start-up recovery settles the rolled-back row as incomplete and signs it: the
        // log's seal still contradicts it.
        #expect(try await vault.recoverInterruptedRecordings().map(\.id) == [id])
        let recovered = try #require(try await stores.catalog.entry(id, verifyingKey: world.auditKey.verifyingKey))
        #expect(recovered.integrity.isVerified && recovered.recording?.state == .incomplete)
        let after = try await VaultIntegrityCheck.problems(
            of: recovered, legacy: false,
            history: try await world.stores.auditSink.entries(about: AuditRecord.target(id)), stores: stores,
            verifyingKey: world.auditKey.verifyingKey)
        #expect(after.map(\.kind) == [.stateContradicted], "\(after)")
    }
}
