public import CallVault
public import CallVaultAudit
public import CallVaultCore
import CallVaultCrypto
import Foundation

/// Adopting the catalog rows written before catalog signatures: the first time a vault is opened
/// for writing by a version that signs, its unsigned rows are signed as they are, and the audit
/// log records it once, with a digest of exactly the rows adopted.
///
/// From that entry on, an unsigned row is a row whose signature was removed, not a legacy one, and
/// is never signed again (its edit would be laundered). The one exception is an adoption a crash
/// cut short between its audit entry and its (single-transaction) signing: the same rows, unchanged,
/// give the same digest, and are signed on the next open.
public enum CatalogSignatureAdoption {
    /// The adoption's audit event id: the log records it once.
    public static let eventID = "catalog-signatures-adopted"
    /// The adoption's audit target.
    public static let target = "catalog"

    /// What an adoption did.
    public struct Outcome: Hashable, Sendable {
        /// Legacy rows signed now.
        public let signed: Int
        /// Unsigned rows left unsigned: their signature was removed after the adoption, or they
        /// changed since it was recorded. They stay refused and reported.
        public let refused: [RecordingID]
    }

    /// Signs the legacy rows of `catalog` (or finishes an interrupted adoption) and records the
    /// adoption in `audit`, once per vault.
    ///
    /// - Parameters:
    ///   - catalog: a catalog with the organisation's signing key.
    ///   - audit: the vault's audit log (opened, so its history is verified).
    ///   - trail: the same log read back, to find an earlier adoption's digest.
    public static func adopt(catalog: SQLiteRecordingCatalog, audit: AuditLog, trail: any AuditTrail) async throws
        -> Outcome
    {
        guard let signingKey = catalog.signingKey else { return Outcome(signed: 0, refused: []) }
        let unsigned = try await catalog.unsignedEntries(verifyingKey: signingKey.verifyingKey)
            .filter { $0.recording != nil }
        let digest = try rowsDigest(unsigned)
        let recorded = try await audit.record(try adoptionRecord(rows: unsigned.count, digest: digest))
        var adopted: [RecordingID: [UInt8]] = [:]
        var resumes = false
        if recorded == nil, !unsigned.isEmpty {
            // Adopted before: only an adoption a crash cut short (the same rows, unchanged) goes on.
            resumes = try await adoptedDigest(trail) == digest
        }
        if recorded != nil || resumes {
            for entry in unsigned { adopted[entry.id] = entry.digest }
        }
        let signed = adopted.isEmpty ? 0 : try await catalog.signUnsignedRows(adopted, with: signingKey)
        return Outcome(signed: signed, refused: unsigned.map(\.id).filter { adopted[$0] == nil })
    }

    /// Whether the unsigned rows among `entries` (every row of the catalog) are legacy rows still
    /// to adopt, rather than rows whose signature was removed: no adoption is in the log yet, or
    /// the one there is of exactly these rows (a crash cut it short).
    public static func unsignedRowsAreLegacy(_ entries: [CatalogEntry], trail: any AuditTrail) async throws -> Bool {
        let unsigned = entries.filter { $0.integrity == .unsigned && $0.recording != nil }.sorted { $0.id < $1.id }
        guard let adopted = try await adoptedDigest(trail) else { return true }
        let digest = try rowsDigest(unsigned)
        return !unsigned.isEmpty && adopted == digest
    }

    /// The adoption's audit record: how many rows, and the digest of exactly those rows.
    static func adoptionRecord(rows: Int, digest: String) throws -> AuditRecord {
        AuditRecord(
            actor: "callvault-catalog", action: try AuditAction("catalog.signatures-adopted"), target: target,
            purpose: nil, outcome: .succeeded,
            reasons: [
                "\(rows) catalog row(s) written before catalog signatures signed as they were",
                "rows digest \(digest)",
            ], eventID: eventID)
    }

    /// The digest an earlier adoption recorded, if there was one.
    static func adoptedDigest(_ trail: any AuditTrail) async throws -> String? {
        let adoption = try await trail.entries(about: target).first { $0.record.eventID == eventID }
        guard let adoption else { return nil }
        let prefix = "rows digest "
        return adoption.record.reasons.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            ?? ""
    }

    /// One digest over the rows' ids and digests, in id order.
    static func rowsDigest(_ entries: [CatalogEntry]) throws -> String {
        var hash = try BLAKE2b()
        for entry in entries.sorted(by: { $0.id < $1.id }) {
            hash.update(Array(entry.id.description.utf8))
            hash.update(entry.digest)
        }
        return hash.finalize().description
    }
}
