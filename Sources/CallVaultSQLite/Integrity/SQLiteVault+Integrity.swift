import CallVault
import CallVaultAudit
public import CallVaultCrypto
public import CallVaultRetention

extension SQLiteVault {
    /// The same stores, with a catalog that signs every row it writes with `signingKey` (the
    /// organisation's) and refuses every row it reads that does not verify, and a retention store
    /// whose holds count only as far as `holdAudit` (the vault's audit log) bears them out.
    ///
    /// Run ``CatalogSignatureAdoption/adopt(stores:audit:trail:)`` once the audit log is open, so
    /// rows written before signatures are adopted.
    public func verifying(signingKey: SigningKey, holdAudit: any LegalHoldAuditSource) -> SQLiteVault {
        SQLiteVault(
            directory: directory, database: database, blobs: blobs, keys: keys,
            catalog: SQLiteRecordingCatalog(database: database, signingKey: signingKey),
            retention: SQLiteRetentionStore(database: database, holdAudit: holdAudit, signingKey: signingKey),
            auditSink: auditSink)
    }

    /// The retention store, with its holds checked against `holdAudit` and its records and holds
    /// verified with `verifyingKey` (for commands that only read).
    public func retention(checkedAgainst holdAudit: any LegalHoldAuditSource, verifyingKey: VerifyingKey)
        -> SQLiteRetentionStore
    {
        SQLiteRetentionStore(database: database, holdAudit: holdAudit, verifyingKey: verifyingKey)
    }
}

/// How a vault folder's stores are made trustworthy when it is opened for writing.
enum VaultIntegrity {
    /// The stores verifying and signing under the organisation's key, holds checked against the
    /// audit log, and the catalog's legacy rows adopted (once, recorded in the log).
    static func open(_ stores: SQLiteVault, signingKey: SigningKey, audit: AuditLog, trail: AuditFileTrail)
        async throws -> SQLiteVault
    {
        let verifying = stores.verifying(signingKey: signingKey, holdAudit: AuditLogRetentionSink(callVaultLog: audit))
        _ = try await CatalogSignatureAdoption.adopt(stores: verifying, audit: audit, trail: trail, asCallVault: true)
        return verifying
    }
}
