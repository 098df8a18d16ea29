import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// The later consent store and the export register in the vault database: what they hold survives
/// reopening, adding twice stores once, each recording sees its own rows in order, and a row that
/// is not a signed file is a typed error, never skipped.
@Suite("SQLite vault: later consents and the export register")
struct SQLiteRegistersTests {
    static let key: SigningKey = {
        do { return try SigningKey.generate() } catch { preconditionFailure("\(error)") }
    }()

    static func receipt(_ id: String, _ recording: RecordingID, at seconds: Double) throws -> SignedLaterConsentReceipt
    {
        try SignedLaterConsentReceipt(
            signing: LaterConsentReceipt(
                receiptID: id, recordingID: recording, callID: "call-1", change: .given, purposes: [.training],
                channel: "web-form", evidence: "form \(id)", recordedBy: "dpo",
                recordedAt: Date(timeIntervalSince1970: 1_767_225_600 + seconds)),
            with: key)
    }

    static func record(_ id: String, _ recordings: [RecordingID], at seconds: Double) throws -> SignedExportRecord {
        try SignedExportRecord(
            signing: ExportRecord(
                exportID: id, kind: .legalExport, recordingIDs: recordings,
                exportedAt: Date(timeIntervalSince1970: 1_767_225_600 + seconds), exportedBy: "c-1",
                purpose: .legalOrRegulatory, request: "order \(id)", recipients: ["fp-\(id)"]),
            with: key)
    }

    @Test("later consent receipts: stored once, per recording, oldest first, kept across reopening")
    func laterConsents() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("vault")
        let (one, two) = (RecordingID(), RecordingID())
        let later = try Self.receipt("b", one, at: 60)
        let earlier = try Self.receipt("a", one, at: 0)
        let other = try Self.receipt("c", two, at: 30)
        do {
            let vault = try SQLiteVault.create(atPath: folder)
            for receipt in [later, earlier, other, later] { try await vault.laterConsents.add(receipt) }
        }
        let reopened = try SQLiteVault.open(atPath: folder)
        #expect(try await reopened.laterConsents.receipts(for: one) == [earlier, later])
        #expect(try await reopened.laterConsents.receipts(for: two) == [other])
        #expect(try await reopened.laterConsents.receipts(for: RecordingID()).isEmpty)
    }

    @Test("export records: stored once, found through each recording they hold, oldest first")
    func exportRecords() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("vault")
        let (one, two) = (RecordingID(), RecordingID())
        let both = try Self.record("e2", [one, two], at: 60)
        let first = try Self.record("e1", [one], at: 0)
        do {
            let vault = try SQLiteVault.create(atPath: folder)
            for record in [both, first, both] { try await vault.exports.add(record) }
        }
        let reopened = try SQLiteVault.open(atPath: folder)
        #expect(try await reopened.exports.records(of: one) == [first, both])
        #expect(try await reopened.exports.records(of: two) == [both])
        #expect(try await reopened.exports.allRecords() == [first, both])
    }

    @Test("a row that is not a signed file is an unreadable row, naming the table and key")
    func unreadableRows() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("vault")
        let recording = RecordingID()
        let vault = try SQLiteVault.create(atPath: folder)
        try await vault.laterConsents.add(try Self.receipt("r1", recording, at: 0))
        try await vault.exports.add(try Self.record("x1", [recording], at: 0))
        try await vault.database.pool.write { db in
            try db.execute(sql: "UPDATE later_consent SET signed_file = '{}'")
            try db.execute(sql: "UPDATE export_record SET signed_file = 'not json'")
        }
        do {
            _ = try await vault.laterConsents.receipts(for: recording)
            Issue.record("an unreadable receipt row was read")
        } catch let error as SQLiteVaultError {
            #expect("\(error)".contains("later_consent") && "\(error)".contains("r1"), "\(error)")
        }
        do {
            _ = try await vault.exports.allRecords()
            Issue.record("an unreadable export row was read")
        } catch let error as SQLiteVaultError {
            #expect("\(error)".contains("export_record") && "\(error)".contains("x1"), "\(error)")
        }
    }
}
